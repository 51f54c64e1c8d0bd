// GET/POST /c/:token — the single-use pages a case's SMS link to. An answer link shows the answer
// once: GET offers a button, and its POST marks the link used (conditional on usedAt IS NULL, so two
// at once show it once) and shows the answer; a survey link shows the form, and the POST stores the
// answers and uses the link in one transaction. Links are looked up by the token's hash only; misses are rate-limited per address
// with the call survey's counter (SURVEY_LINK_MAX_MISSES), so a scanner trying /s and /c alike is
// turned away as early.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import Type from "typebox";
import { LinkParams, type LinkProblem, linkPages, SurveyAnswers } from "../surveys/link-pages.js";
import { answerPage, caseProblemPage, caseSurveyPage, openAnswerPage, thankYouPage } from "./page.js";

const caseLinkRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const { html, refuse, lookup } = await linkPages(fastify, caseProblemPage);

  type Link = { id: string; caseId: number; purpose: string; usedAt: Date | null; expiresAt: Date };
  async function findLink(request: FastifyRequest, token: string, now: Date): Promise<Link | LinkProblem> {
    const link = await lookup(request, token, (id) => db.caseLink.findUnique({ where: { id } }));
    if (typeof link === "string") return link;
    if (link.usedAt) return "used";
    if (link.expiresAt <= now) return "expired";
    return link;
  }

  fastify.get("/c/:token", { schema: { params: LinkParams } }, async (request, reply) => {
    const { token } = request.params;
    const link = await findLink(request, token, new Date());
    if (typeof link === "string") return refuse(reply, link);
    // The answer waits behind a button: messaging apps fetch links to preview them, and a GET that
    // spent the link would show the answer to the preview robot instead of the citizen.
    return html(reply, 200, link.purpose === "survey" ? caseSurveyPage(token) : openAnswerPage(token));
  });

  fastify.post("/c/:token", { schema: { params: LinkParams, body: Type.Optional(SurveyAnswers) } }, async (request, reply) => {
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
