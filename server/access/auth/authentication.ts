// Who the caller is and what roles they hold. The session check itself is not a URL rule: it is the
// `requireSession` plugin, registered inside the /api scope (server/app.ts), whose onRequest hook
// runs for every route of that scope whatever spelling of the path reached it (`/%61pi/…` included).
// A route of that scope that anyone may call says so with `config: { public: true }`; routes then
// state the permission they need with `preHandler: fastify.allow("campaigns:send")`, a name from the
// one table of who may do what (server/contract/permissions.ts).
import type { FastifyReply, FastifyRequest, preHandlerHookHandler } from "fastify";
import fp from "fastify-plugin";
import { isPermission, type Permission, rolesHold } from "../../contract/permissions.js";
import { forbidden, unauthorized } from "../../platform/http/errors.js";
import { findSessionUser, SESSION_COOKIE, type SessionUser } from "./sessions.js";

declare module "fastify" {
  interface FastifyRequest {
    user: SessionUser | null;
  }
  interface FastifyInstance {
    /** preHandler that lets through users whose roles hold the permission (administrators hold them all). */
    allow(permission: Permission): preHandlerHookHandler;
    sessionTtlMs: number;
  }
  interface FastifyContextConfig {
    /** The route answers without a session although it sits in an authenticated scope (login, logout). */
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

    fastify.decorate("allow", (permission: Permission): preHandlerHookHandler => {
      // A misspelt name would lock everyone but administrators out: refuse it when the routes load.
      if (!isPermission(permission)) throw new Error(`Unknown permission ${permission}: add it to server/contract/permissions.ts`);
      return async (request) => {
        if (!rolesHold(currentUser(request).roles, permission)) throw forbidden();
      };
    });
  },
  { name: "authentication", dependencies: ["db", "@fastify/cookie"] },
);

/**
 * Register inside a scope: every route of that scope then needs a console session unless it is
 * declared public. fastify-plugin makes the hook belong to the registering scope, not to a child.
 */
export const requireSession = fp(
  async (scope) => {
    scope.addHook("onRequest", async (request: FastifyRequest, _reply: FastifyReply) => {
      if (request.routeOptions.config.public) return;
      const token = request.cookies[SESSION_COOKIE];
      const user = token ? await findSessionUser(scope.db, token, scope.sessionTtlMs) : null;
      if (!user) throw unauthorized();
      request.user = user;
    });
  },
  { name: "require-session", dependencies: ["authentication"] },
);
