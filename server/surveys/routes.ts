// GET/POST /s/:token — the survey page sent by SMS. A link answers once: the answers and the link's
// usedAt are written in one transaction, guarded by `usedAt IS NULL`, so two submissions racing
// each other store one set of answers. Links are looked up by the token's hash only.
import formbody from "@fastify/formbody";
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { addressKey } from "../http/address-key.js";
import { hashSurveyToken, SURVEY_TOKEN_PATTERN } from "./links.js";
import { type LinkProblem, problemPage, surveyFormPage, thankYouPage } from "./page.js";

const Params = Type.Object({ token: Type.String({ maxLength: 100 }) });
const Answers = Type.Object({
  satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
  resolved: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
});

/** Misses are counted per address over this window (SURVEY_LINK_MAX_MISSES in the configuration). */
const MISS_WINDOW_SECONDS = 15 * 60;

const STATUS: Record<LinkProblem, number> = { unknown: 404, used: 410, expired: 410, too_many: 429 };

const surveyRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  await fastify.register(formbody, { bodyLimit: 2048 });
  const { db, redis } = fastify;
  const maxMisses = fastify.config.SURVEY_LINK_MAX_MISSES;
  const missKey = (ip: string) => `${fastify.config.REDIS_PREFIX}:survey-link-misses:${addressKey(ip)}`;

  fastify.addHook("onSend", async (_request, reply) => {
    // The token is in the URL: keep it out of caches, referrers and search engines.
    reply.header("Cache-Control", "no-store");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header("X-Robots-Tag", "noindex");
    reply.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  });

  const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type("text/html; charset=utf-8").send(body);
  const refuse = (reply: FastifyReply, problem: LinkProblem) => {
    if (problem === "too_many") reply.header("Retry-After", String(MISS_WINDOW_SECONDS));
    return html(reply, STATUS[problem], problemPage(problem));
  };

  // Records a miss and says whether this address is now over its limit. Only misses are limited,
  // and generously: many citizens share one carrier address (CGNAT), and a valid link must open
  // for each of them whatever a neighbour mistyped. Tokens are 256-bit, so the limit is not what
  // protects them: it turns a scanner away early.
  // Redis trouble must not stop citizens answering: the limit then simply does not apply.
  async function missLimitReached(request: FastifyRequest): Promise<boolean> {
    try {
      const key = missKey(request.ip);
      const [[, misses] = []] = (await redis.pipeline().incr(key).expire(key, MISS_WINDOW_SECONDS, "NX").exec()) ?? [];
      return Number(misses) > maxMisses;
    } catch {
      return false;
    }
  }

  /** Why a link cannot be answered now, or null when it can. */
  async function linkProblem(request: FastifyRequest, token: string, now: Date): Promise<LinkProblem | null> {
    const link = new RegExp(SURVEY_TOKEN_PATTERN).test(token)
      ? await db.surveyLink.findUnique({ where: { id: hashSurveyToken(token) }, select: { usedAt: true, expiresAt: true } })
      : null;
    if (!link) return (await missLimitReached(request)) ? "too_many" : "unknown";
    if (link.usedAt) return "used";
    if (link.expiresAt <= now) return "expired";
    return null;
  }

  fastify.get("/s/:token", { schema: { params: Params } }, async (request, reply) => {
    const { token } = request.params;
    const problem = await linkProblem(request, token, new Date());
    return problem ? refuse(reply, problem) : html(reply, 200, surveyFormPage(token));
  });

  fastify.post("/s/:token", { schema: { params: Params, body: Answers } }, async (request, reply) => {
    const { token } = request.params;
    const now = new Date();
    const problem = await linkProblem(request, token, now);
    if (problem) return refuse(reply, problem);
    const { satisfaction, resolved } = request.body ?? {};
    if (satisfaction === undefined) {
      return html(reply, 400, surveyFormPage(token, "Xin ông/bà chọn mức độ hài lòng."));
    }

    const hash = hashSurveyToken(token);
    const stored = await db.$transaction(async (tx) => {
      // The claim: only one submission turns usedAt from NULL to now.
      const { count } = await tx.surveyLink.updateMany({
        where: { id: hash, usedAt: null, expiresAt: { gt: now } },
        data: { usedAt: now },
      });
      if (count === 0) return false;
      const link = await tx.surveyLink.findUniqueOrThrow({ where: { id: hash }, select: { callId: true } });
      const answers = [{ question: "satisfaction", value: satisfaction }];
      if (resolved !== undefined) answers.push({ question: "resolved", value: resolved });
      await tx.surveyAnswer.createMany({
        data: answers.map((answer) => ({ ...answer, callId: link.callId, channel: "web" })),
        // The keypad survey may have answered a question already; that answer stands.
        skipDuplicates: true,
      });
      return true;
    });
    if (!stored) return refuse(reply, "used");
    request.log.info("web survey answered");
    return html(reply, 200, thankYouPage());
  });
};

export default surveyRoutes;
