// What every single-use page an SMS links to shares (/s/ the call survey, /c/ a case's answer and
// survey): the headers that keep the token and the page out of caches, referrers and search
// engines, the form body, the answers' schema, and the limit on misses per address.
import formbody from "@fastify/formbody";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import Type from "typebox";
import { addressKey } from "../../platform/http/address-key.js";
import { hashSurveyToken, SURVEY_TOKEN_PATTERN } from "./links.js";

export const LinkParams = Type.Object({ token: Type.String({ maxLength: 100 }) });
/** The two survey questions of calls and cases: satisfaction 1–3, resolved 1–2. */
export const SurveyAnswers = Type.Object({
  satisfaction: Type.Optional(Type.Integer({ minimum: 1, maximum: 3 })),
  resolved: Type.Optional(Type.Integer({ minimum: 1, maximum: 2 })),
});

export type LinkProblem = "unknown" | "used" | "expired" | "too_many";
const STATUS: Record<LinkProblem, number> = { unknown: 404, used: 410, expired: 410, too_many: 429 };
/** Misses are counted per address over this window (SURVEY_LINK_MAX_MISSES in the configuration). */
const MISS_WINDOW_SECONDS = 15 * 60;
const TOKEN = new RegExp(SURVEY_TOKEN_PATTERN);

export interface LinkPages {
  html(reply: FastifyReply, status: number, body: string): FastifyReply;
  refuse(reply: FastifyReply, problem: LinkProblem): FastifyReply;
  /** The hash a token is stored under, or null (a miss, counted) when it cannot be a token at all. */
  lookup<T>(request: FastifyRequest, token: string, find: (hash: string) => Promise<T | null>): Promise<T | LinkProblem>;
}

/** Registers the form body and the headers in the calling plugin's scope. */
export async function linkPages(fastify: FastifyInstance, problemPage: (problem: LinkProblem) => string): Promise<LinkPages> {
  await fastify.register(formbody, { bodyLimit: 2048 });
  const { redis, config } = fastify;
  // One allowance of misses per address for every kind of link.
  const missKey = (ip: string) => `${config.REDIS_PREFIX}:survey-link-misses:${addressKey(ip)}`;

  fastify.addHook("onSend", async (_request, reply) => {
    // The token is in the URL (and an answer is personal): keep both out of caches, referrers and search engines.
    reply.header("Cache-Control", "no-store");
    reply.header("Referrer-Policy", "no-referrer");
    reply.header("X-Robots-Tag", "noindex");
    reply.header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'");
  });

  // Records a miss and says whether this address is now over its limit. Only misses are limited,
  // and generously: many citizens share one carrier address (CGNAT), and a valid link must open
  // for each of them whatever a neighbour mistyped. Tokens are 256-bit, so the limit is not what
  // protects them: it turns a scanner away early. Redis trouble must not stop citizens answering:
  // the limit then simply does not apply.
  async function missLimitReached(request: FastifyRequest): Promise<boolean> {
    try {
      const key = missKey(request.ip);
      const [[, misses] = []] = (await redis.pipeline().incr(key).expire(key, MISS_WINDOW_SECONDS, "NX").exec()) ?? [];
      return Number(misses) > config.SURVEY_LINK_MAX_MISSES;
    } catch {
      return false;
    }
  }

  const html = (reply: FastifyReply, status: number, body: string) => reply.status(status).type("text/html; charset=utf-8").send(body);
  return {
    html,
    refuse(reply, problem) {
      if (problem === "too_many") reply.header("Retry-After", String(MISS_WINDOW_SECONDS));
      return html(reply, STATUS[problem], problemPage(problem));
    },
    async lookup(request, token, find) {
      const found = TOKEN.test(token) ? await find(hashSurveyToken(token)) : null;
      if (found === null) return (await missLimitReached(request)) ? "too_many" : "unknown";
      return found;
    },
  };
}
