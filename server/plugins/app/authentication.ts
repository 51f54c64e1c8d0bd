// Every /api route requires a console session unless it is marked `config: { public: true }`;
// routes then state the roles they allow with `preHandler: fastify.allow(...)`.
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from "fastify";
import fp from "fastify-plugin";
import { findSessionUser, SESSION_COOKIE, type SessionUser } from "../../auth/sessions.js";
import type { Role } from "../../generated/prisma/enums.js";
import { forbidden, unauthorized } from "../../http/errors.js";

declare module "fastify" {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    /** preHandler that lets through users holding at least one of the roles (admin always passes). */
    allow(...roles: Role[]): preHandlerHookHandler;
    sessionTtlMs: number;
  }
  interface FastifyContextConfig {
    public?: boolean;
  }
}

export function currentUser(request: FastifyRequest): SessionUser {
  if (!request.user) throw unauthorized();
  return request.user;
}

export default fp(
  async (fastify) => {
    fastify.decorate("sessionTtlMs", fastify.config.SESSION_TTL_HOURS * 3_600_000);
    fastify.decorateRequest("user", null);

    fastify.addHook("onRequest", async (request: FastifyRequest, _reply: FastifyReply) => {
      if (!request.url.startsWith("/api/") || request.routeOptions.config.public) return;
      const token = request.cookies[SESSION_COOKIE];
      const user = token ? await findSessionUser(fastify.db, token, fastify.sessionTtlMs) : null;
      if (!user) throw unauthorized();
      request.user = user;
    });

    fastify.decorate("allow", (...roles: Role[]): preHandlerHookHandler => {
      return async (request) => {
        const user = currentUser(request);
        if (!user.roles.some((role) => role === "admin" || roles.includes(role))) throw forbidden();
      };
    });
  },
  { name: "authentication", dependencies: ["db", "@fastify/cookie"] },
);
