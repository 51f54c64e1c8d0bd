// GET/POST /s/:token — the survey page sent by SMS. A link answers once: the answers and the link's
// usedAt are written in one transaction, guarded by `usedAt IS NULL`, so two submissions racing
// each other store one set of answers. Links are looked up by the token's hash only.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { LinkParams, type LinkProblem, linkPages, SurveyAnswers } from "./link-pages.js";
import { hashSurveyToken } from "./links.js";
import { problemPage, surveyFormPage, thankYouPage } from "./page.js";

const surveyRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { db } = fastify;
  const { html, refuse, lookup } = await linkPages(fastify, problemPage);

  /** Why a link cannot be answered now, or null when it can. */
  async function linkProblem(request: FastifyRequest, token: string, now: Date): Promise<LinkProblem | null> {
    const link = await lookup(request, token, (id) =>
      db.surveyLink.findUnique({ where: { id }, select: { usedAt: true, expiresAt: true } }),
    );
    if (typeof link === "string") return link;
    if (link.usedAt) return "used";
    if (link.expiresAt <= now) return "expired";
    return null;
  }

  fastify.get("/s/:token", { schema: { params: LinkParams } }, async (request, reply) => {
    const { token } = request.params;
    const problem = await linkProblem(request, token, new Date());
    return problem ? refuse(reply, problem) : html(reply, 200, surveyFormPage(token));
  });

  fastify.post("/s/:token", { schema: { params: LinkParams, body: SurveyAnswers } }, async (request, reply) => {
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
