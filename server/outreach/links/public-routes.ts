// GET (and HEAD) /l/:code — a campaign's short link: 302 to the portal page it stands for, the
// request counted (clicks.ts). An unknown code answers a Vietnamese 404 page, an expired one 410,
// anything that cannot be a code 404 before the database is asked. Logs carry the link and campaign
// ids, never the address, the browser or the recipient.
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyReply } from "fastify";
import Type from "typebox";
import { recordRequest } from "./clicks.js";
import { CODE_PATTERN } from "./codes.js";
import { type LinkProblem, linkProblemPage } from "./page.js";

const Params = Type.Object({ code: Type.String({ maxLength: 64 }) });

export interface LinkRoutesOptions {
  clock?: () => Date;
}

const linkRoutes: FastifyPluginAsyncTypebox<LinkRoutesOptions> = async (fastify, options) => {
  const { db, redis, config } = fastify;
  const clock = options.clock ?? (() => new Date());

  const refuse = (reply: FastifyReply, problem: LinkProblem) =>
    reply
      .status(problem === "expired" ? 410 : 404)
      .header("Cache-Control", "no-store")
      .header("X-Robots-Tag", "noindex")
      .type("text/html; charset=utf-8")
      .send(linkProblemPage(problem));

  const LINK = { id: true, campaignId: true, url: true, expiresAt: true } as const;
  /** A campaign's code, or a recipient's own (TRACKED_LINK_PER_RECIPIENT), with whose it is. */
  async function findLink(code: string) {
    const link = await db.trackedLink.findUnique({ where: { code }, select: LINK });
    if (link) return { ...link, recipientId: null };
    const own = await db.recipientLink.findUnique({ where: { code }, select: { recipientId: true, link: { select: LINK } } });
    return own ? { ...own.link, recipientId: own.recipientId } : null;
  }

  // exposeHeadRoute: HEAD gets the same answer without a body, and is counted apart (a preview's probe).
  fastify.get("/l/:code", { schema: { params: Params }, exposeHeadRoute: true }, async (request, reply) => {
    const { code } = request.params;
    if (!CODE_PATTERN.test(code)) return refuse(reply, "unknown");
    const link = await findLink(code);
    if (!link) return refuse(reply, "unknown");
    const now = clock();
    if (link.expiresAt <= now) return refuse(reply, "expired");
    const kind = await recordRequest(
      db,
      redis,
      config.REDIS_PREFIX,
      link,
      { method: request.method, ip: request.ip, userAgent: request.headers["user-agent"] },
      now,
    );
    request.log.info({ linkId: link.id, campaignId: link.campaignId, kind }, "short link followed");
    // 302 with no caching: a cached redirect would skip the count on the citizen's next tap.
    return reply.header("Cache-Control", "no-store").header("Referrer-Policy", "no-referrer").redirect(link.url, 302);
  });
};

export default linkRoutes;
