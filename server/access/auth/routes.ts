import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import Type from "typebox";
import { Me, SessionUser } from "../../contract/access/session-user.js";
import { permissionsOf } from "../../contract/permissions.js";
import { writeAudit } from "../../platform/audit/audit.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { tooManyRequests, unauthorized, unavailable } from "../../platform/http/errors.js";
import { currentUser } from "./authentication.js";
import { createLoginLimiter, loginAccount } from "./login-limiter.js";
import { verifyPassword } from "./password.js";
import { createSession, endSession, findSessionUser, SESSION_COOKIE } from "./sessions.js";

// PostgreSQL text cannot hold NUL or a lone surrogate, so no user is named with one: such an
// identifier is an unknown account (counted and audited in a storable spelling), never a query.
const UNSTORABLE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const storable = (text: string) => text.replace(UNSTORABLE, "\uFFFD");

const authRoutes: FastifyPluginAsyncTypebox = async (fastify) => {
  const { config, db } = fastify;
  const limiter = createLoginLimiter(fastify.redis, config.REDIS_PREFIX, {
    perAccountAndAddress: config.LOGIN_MAX_FAILURES,
    perAddress: config.LOGIN_ADDRESS_MAX_FAILURES,
    perAccount: config.LOGIN_ACCOUNT_MAX_FAILURES,
    windowSeconds: config.LOGIN_WINDOW_MINUTES * 60,
  });
  const secureCookie = config.PUBLIC_BASE_URL.startsWith("https:");

  fastify.post(
    "/login",
    {
      config: { public: true },
      schema: {
        body: Type.Object(
          { username: Type.String({ minLength: 1, maxLength: 200 }), password: Type.String({ minLength: 1, maxLength: 1000 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ user: SessionUser }) },
      },
    },
    async (request, reply) => {
      const identifier = request.body.username.trim();
      const printable = storable(identifier);
      const user =
        printable === identifier
          ? await db.user.findFirst({
              where: { OR: [{ username: identifier }, { email: identifier }] },
              include: { agency: { select: { id: true, code: true, name: true } } },
            })
          : null;
      // Failures count against the user whichever identifier named them (username or e-mail).
      const account = loginAccount(user?.id, identifier);
      const wait = await limiter.retryAfter(account, request.ip).catch(() => {
        throw unavailable("Login is temporarily unavailable; try again shortly");
      });
      if (wait > 0) {
        throw tooManyRequests(`Too many failed logins; try again in ${Math.ceil(wait / 60)} minute(s)`, wait);
      }

      const passwordOk = await verifyPassword(user?.passwordHash, request.body.password);
      if (!user || !passwordOk || !user.active) {
        await limiter.recordFailure(account, request.ip).catch(() => {});
        await writeAudit(db, {
          actorId: user?.id ?? null,
          action: "login_failed",
          resource: "auth",
          resourceId: user?.id ?? null,
          after: { username: printable, reason: !user ? "unknown_user" : !passwordOk ? "wrong_password" : "inactive" },
          ip: request.ip,
        });
        throw unauthorized("Wrong username or password", "invalid_credentials");
      }

      await limiter.recordSuccess(account, request.ip).catch(() => {});
      const token = await createSession(db, user.id, fastify.sessionTtlMs);
      await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "auth",
        action: "login",
        write: (tx) => tx.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } }),
        audit: () => ({ resourceId: user.id }),
      });
      reply.setCookie(SESSION_COOKIE, token, {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure: secureCookie,
        maxAge: fastify.sessionTtlMs / 1000,
      });
      const { id, name, email, roles, agency } = user;
      return { user: { id, username: user.username, name, email, roles, agency } };
    },
  );

  fastify.post("/logout", { config: { public: true } }, async (request, reply) => {
    const token = request.cookies[SESSION_COOKIE];
    const user = token ? await findSessionUser(db, token, fastify.sessionTtlMs) : null;
    if (token) await endSession(db, token);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    if (user) await writeAudit(db, { actorId: user.id, action: "logout", resource: "auth", resourceId: user.id, ip: request.ip });
    return reply.status(204).send();
  });

  fastify.get("/me", { schema: { response: { 200: Me } } }, async (request) => {
    const user = currentUser(request);
    return { ...user, permissions: permissionsOf(user.roles) };
  });
};

export default authRoutes;
