// GET/POST /c/:token — the single-use pages a case's SMS link to. An answer link shows the answer
// once: GET offers a button, and its POST marks the link used (conditional on usedAt IS NULL, so two
// at once show it once) and shows the answer; a survey link shows the form, and the POST stores the
// answers and uses the link in one transaction. Links are looked up by the token's hash only; misses are rate-limited per address
// with the call survey's counter (SURVEY_LINK_MAX_MISSES), so a scanner trying /s and /c alike is
// turned away as early.
import formbody from "@fastify/formbody";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { addressKey } from "../../platform/http/address-key.js";
import { hashSurveyToken, SURVEY_TOKEN_PATTERN } from "../surveys/links.js";
import { answerPage, type CaseLinkProblem, caseProblemPage, caseSurveyPage, openAnswerPage, thankYouPage } from "./page.js";

const Params = Type.Object({ token: Type.String({ maxLength: 100 }) });
const Answers = Type.Object({
  satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
  resolved: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
});

const MISS_WINDOW_SECONDS = 15 * 60;
const STATUS: Record<CaseLinkProblem, number> = { unknown: 404, used: 410, expired: 410, too_many: 429 };
const TOKEN = new RegExp(SURVEY_TOKEN_PATTERN);

const caseLinkRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  await fastify.register(formbody, { bodyLimit: 2048 });
  const { db, redis } = fastify;
  const maxMisses = fastify.config.SURVEY_LINK_MAX_MISSES;
  // The call survey's key: one allowance of misses per address for both kinds of link.
  const missKey = (ip: string) => `${fastify.config.REDIS_PREFIX}:survey-link-misses:${addressKey(ip)}`;

  fastify.addHook("onSend", async (_request, reply) => {
    // The token is in the URL, and the answer is personal: keep both out of caches, referrers and search engines.
    reply.header("Cache-Control", "no-store");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header("X-Robots-Tag", "noindex");
    reply.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  });

  const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type("text/html; charset=utf-8").send(body);
  const refuse = (reply: FastifyReply, problem: CaseLinkProblem) => {
    if (problem === "too_many") reply.header("Retry-After", String(MISS_WINDOW_SECONDS));
    return html(reply, STATUS[problem], caseProblemPage(problem));
  };

  // Redis trouble must not stop citizens reading their answer: the limit then simply does not apply.
  async function missLimitReached(request: FastifyRequest): Promise<boolean> {
    try {
      const key = missKey(request.ip);
      const [[, misses] = []] = (await redis.pipeline().incr(key).expire(key, MISS_WINDOW_SECONDS, "NX").exec()) ?? [];
      return Number(misses) > maxMisses;
    } catch {
      return false;
    }
  }

  type Link = { id: string; caseId: number; purpose: string; usedAt: Date | null; expiresAt: Date };
  async function findLink(request: FastifyRequest, token: string, now: Date): Promise<Link | CaseLinkProblem> {
    const link = TOKEN.test(token) ? await db.caseLink.findUnique({ where: { id: hashSurveyToken(token) } }) : null;
    if (!link) return (await missLimitReached(request)) ? "too_many" : "unknown";
    if (link.usedAt) return "used";
    if (link.expiresAt <= now) return "expired";
    return link;
  }

  fastify.get("/c/:token", { schema: { params: Params } }, async (request, reply) => {
    const { token } = request.params;
    const link = await findLink(request, token, new Date());
    if (typeof link === "string") return refuse(reply, link);
    // The answer waits behind a button: messaging apps fetch links to preview them, and a GET that
    // spent the link would show the answer to the preview robot instead of the citizen.
    return html(reply, 200, link.purpose === "survey" ? caseSurveyPage(token) : openAnswerPage(token));
  });

  fastify.post("/c/:token", { schema: { params: Params, body: Type.Optional(Answers) } }, async (request, reply) => {
    const { token } = request.params;
    const now = new Date();
    const link = await findLink(request, token, now);
    if (typeof link === "string") return refuse(reply, link);
    if (link.purpose === "answer") {
      // Shown to whoever opens it first, then the link is spent.
      const { count } = await db.caseLink.updateMany({
        where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (count === 0) return refuse(reply, "used");
      const found = await db.case.findUnique({
        where: { id: link.caseId },
        select: { code: true, question: true, answer: true, agency: { select: { name: true } } },
      });
      if (!found?.answer) return refuse(reply, "unknown");
      request.log.info({ caseId: link.caseId }, "case answer read");
      return html(
        reply,
        200,
        answerPage({ code: found.code, agencyName: found.agency.name, question: found.question, answer: found.answer }),
      );
    }
    const { satisfaction, resolved } = request.body ?? {};
    if (satisfaction === undefined) return html(reply, 400, caseSurveyPage(token, "Xin ông/bà chọn mức độ hài lòng."));

    const stored = await db.$transaction(async (tx) => {
      // The claim: only one submission turns usedAt from NULL to now.
      const { count } = await tx.caseLink.updateMany({
        where: { id: link.id, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (count === 0) return false;
      const answers = [{ question: "satisfaction", value: satisfaction }];
      if (resolved !== undefined) answers.push({ question: "resolved", value: resolved });
      await tx.caseSurveyAnswer.createMany({ data: answers.map((answer) => ({ ...answer, caseId: link.caseId })), skipDuplicates: true });
      return true;
    });
    if (!stored) return refuse(reply, "used");
    request.log.info({ caseId: link.caseId }, "case survey answered");
    return html(reply, 200, thankYouPage());
  });
};

export default caseLinkRoutes;
