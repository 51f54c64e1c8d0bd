// The application as a fastify plugin: external resources first, then cross-cutting app plugins,
// then one route plugin per domain. server.ts and the tests build it the same way with buildApp().
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import fp from "fastify-plugin";
import agencyRoutes from "./agencies/routes.js";
import auditRoutes from "./audit/routes.js";
import authRoutes from "./auth/routes.js";
import callbackRoutes from "./callbacks/routes.js";
import voiceRoutes from "./calls/voice-routes.js";
import recordingRoutes from "./calls-api/recordings.js";
import callRoutes from "./calls-api/routes.js";
import campaignRoutes from "./campaigns/routes.js";
import smsPolicyRoutes from "./compliance/routes.js";
import type { Config } from "./config.js";
import contactListRoutes from "./contact-lists/routes.js";
import contactImportRoutes from "./contacts/import-routes.js";
import contactRoutes from "./contacts/routes.js";
import dncRoutes from "./dnc/routes.js";
import flowVersionRoutes from "./flows-api/routes.js";
import healthRoutes from "./health/routes.js";
import hoursOverrideRoutes from "./hours-overrides/routes.js";
import { canonicalIdKeyword } from "./http/canonical-id.js";
import authentication, { requireSession } from "./plugins/app/authentication.js";
import callRouting from "./plugins/app/call-routing.js";
import declaredContentTypes from "./plugins/app/declared-content-types.js";
import drainOnClose from "./plugins/app/drain-on-close.js";
import errorHandler from "./plugins/app/error-handler.js";
import inputGuard from "./plugins/app/input-guard.js";
import sameOrigin from "./plugins/app/same-origin.js";
import configPlugin from "./plugins/external/config.js";
import consolePlugin from "./plugins/external/console.js";
import corsPlugin from "./plugins/external/cors.js";
import dbPlugin from "./plugins/external/db.js";
import queuesPlugin from "./plugins/external/queues.js";
import redisPlugin from "./plugins/external/redis.js";
import securityHeaders from "./plugins/external/security-headers.js";
import reportRoutes from "./reports/routes.js";
import retentionRoutes from "./retention/routes.js";
import segmentRoutes from "./segments/routes.js";
import simulatorRoutes from "./simulator/routes.js";
import smsPreviewRoutes from "./sms/preview-routes.js";
import smsStatusRoutes from "./sms/status-routes.js";
import smsSenderRoutes from "./sms-senders/routes.js";
import smsTemplateRoutes from "./sms-templates/routes.js";
import smsInboundRoutes from "./suppression/inbound-routes.js";
import suppressionRoutes from "./suppression/routes.js";
import surveyRoutes from "./surveys/routes.js";
import { scheduleSurveySms } from "./surveys/sms-job.js";
import userRoutes from "./users/routes.js";
import staffRoutes from "./users/staff-routes.js";

// Wrapped with fastify-plugin so what it decorates (db, redis, callRouting…) is visible on the instance
// that registers it: the entry points and the tests.
export const app = fp<{ config: Config }>(async (fastify, { config }) => {
  await fastify.register(configPlugin, { config });
  await fastify.register(dbPlugin);
  await fastify.register(redisPlugin);
  await fastify.register(queuesPlugin);
  await fastify.register(cookie);
  await fastify.register(securityHeaders);
  await fastify.register(corsPlugin);
  await fastify.register(errorHandler);
  await fastify.register(drainOnClose);
  await fastify.register(inputGuard);
  await fastify.register(authentication);
  await fastify.register(callRouting);

  await fastify.register(healthRoutes);
  await fastify.register(consolePlugin);
  await fastify.register(voiceRoutes, {
    prefix: "/twilio/voice",
    // Fire and forget: a Redis outage must neither hold up nor fail Twilio's status callback.
    onSurveyMissed: async (callId) => {
      scheduleSurveySms(fastify.queues.surveys, callId).catch((error: unknown) =>
        fastify.log.error({ callId, err: error instanceof Error ? error.message : String(error) }, "could not queue the survey SMS"),
      );
    },
  });
  await fastify.register(smsStatusRoutes, { prefix: "/twilio/sms" });
  await fastify.register(smsInboundRoutes, { prefix: "/twilio/sms" });
  await fastify.register(surveyRoutes);
  // The console's API. Its guards are hooks of this scope, so they run for every route registered in
  // it, whatever spelling of the path the router decoded: a session (unless the route is declared
  // public), then for state-changing requests the console's origin, then the declared body type.
  await fastify.register(
    async (api) => {
      await api.register(requireSession);
      await api.register(sameOrigin);
      await api.register(declaredContentTypes);
      await api.register(authRoutes, { prefix: "/auth" });
      await api.register(agencyRoutes, { prefix: "/agencies" });
      await api.register(userRoutes, { prefix: "/users" });
      await api.register(auditRoutes, { prefix: "/audit-logs" });
      await api.register(hoursOverrideRoutes, { prefix: "/hours-overrides" });
      await api.register(staffRoutes, { prefix: "/staff" });
      await api.register(callbackRoutes, { prefix: "/callback-requests" });
      await api.register(callRoutes, { prefix: "/calls" });
      await api.register(recordingRoutes, { prefix: "/recordings" });
      await api.register(reportRoutes, { prefix: "/reports" });
      await api.register(retentionRoutes, { prefix: "/settings/retention" });
      await api.register(flowVersionRoutes, { prefix: "/ivr-flow-versions" });
      await api.register(simulatorRoutes, { prefix: "/simulator" });
      await api.register(campaignRoutes, { prefix: "/campaigns" });
      await api.register(contactRoutes, { prefix: "/contacts" });
      await api.register(contactImportRoutes, { prefix: "/contact-imports" });
      await api.register(contactListRoutes, { prefix: "/contact-lists" });
      await api.register(segmentRoutes, { prefix: "/segments" });
      await api.register(suppressionRoutes, { prefix: "/suppressions" });
      await api.register(dncRoutes, { prefix: "/dnc" });
      await api.register(smsPreviewRoutes, { prefix: "/sms" });
      await api.register(smsTemplateRoutes, { prefix: "/sms-templates" });
      await api.register(smsSenderRoutes, { prefix: "/sms-senders" });
      await api.register(smsPolicyRoutes, { prefix: "/settings/sms-policy" });
    },
    { prefix: "/api" },
  );
});

export function serverOptions(config: Config): FastifyServerOptions {
  return {
    logger: {
      level: config.LOG_LEVEL,
      // Cookies carry sessions; never let them reach the logs.
      redact: ["req.headers.cookie", 'res.headers["set-cookie"]'],
      serializers: {
        // Query strings can carry citizens' phone numbers (list filters): log the path only.
        req: (request) => ({ method: request.method, path: request.url.split("?")[0], id: request.id }),
      },
    },
    requestIdHeader: "x-request-id",
    genReqId: () => randomUUID(),
    // X-Forwarded-* is believed only from the configured proxies: from anyone else it is a claim the
    // client makes about itself, and the login limits and the audit log key on the client address.
    trustProxy: config.TRUST_PROXY.length > 0 ? config.TRUST_PROXY : false,
    return503OnClosing: true,
    forceCloseConnections: "idle",
    bodyLimit: 1024 * 1024,
    ajv: { customOptions: { removeAdditional: true, coerceTypes: "array", allErrors: true }, plugins: [canonicalIdKeyword] },
  };
}

/** Builds the whole app, ready to listen or to be driven by app.inject in tests. */
export async function buildApp(config: Config, overrides: FastifyServerOptions = {}): Promise<FastifyInstance> {
  const fastify = Fastify({ ...serverOptions(config), ...overrides }).withTypeProvider<TypeBoxTypeProvider>();
  fastify.addHook("onSend", async (request, reply) => {
    reply.header("X-Request-Id", request.id);
  });
  await fastify.register(app, { config });
  await fastify.ready();
  return fastify;
}
