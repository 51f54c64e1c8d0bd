// The application as a fastify plugin: external resources first, then cross-cutting app plugins,
// then one route plugin per domain. server.ts and the tests build it the same way with buildApp().
import { randomUUID } from "node:crypto";
import cookie from "@fastify/cookie";
import type { TypeBoxTypeProvider } from "@fastify/type-provider-typebox";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import fp from "fastify-plugin";
import authentication, { requireSession } from "./access/auth/authentication.js";
import authRoutes from "./access/auth/routes.js";
import userRoutes from "./access/users/routes.js";
import hoursOverrideRoutes from "./agencies/hours/overrides-routes.js";
import staffRoutes from "./agencies/staff/presence-routes.js";
import wrapUpSweep from "./agencies/staff/wrap-up-sweep.js";
import agencyRoutes from "./agencies/tree/routes.js";
import type { Config } from "./config.js";
import boardRoutes from "./hotline/board/routes.js";
import recordingRoutes from "./hotline/call-log/recordings.js";
import callRoutes from "./hotline/call-log/routes.js";
import placedCallbackVoiceRoutes from "./hotline/callbacks/placed/voice-routes.js";
import callbackRoutes from "./hotline/callbacks/routes.js";
import caseLinkRoutes from "./hotline/cases/public-routes.js";
import caseRoutes from "./hotline/cases/routes.js";
import caseServiceLevelRoutes from "./hotline/cases/service-level-routes.js";
import deskRoutes from "./hotline/desk/routes.js";
import flowVersionRoutes from "./hotline/flows/routes.js";
import knowledgeCsvRoutes from "./hotline/knowledge/csv-routes.js";
import knowledgePublicRoutes from "./hotline/knowledge/public-routes.js";
import knowledgeRoutes from "./hotline/knowledge/routes.js";
import noteCategoryRoutes from "./hotline/note-categories/routes.js";
import callQueues from "./hotline/queues/plugin.js";
import agencyReportRoutes from "./hotline/reports/periodic/routes.js";
import scoringRoutes from "./hotline/reports/periodic/scoring-routes.js";
import reportRoutes from "./hotline/reports/routes.js";
import simulatorNetwork from "./hotline/simulator/network/plugin.js";
import simulatorRoutes from "./hotline/simulator/routes.js";
import surveyRoutes from "./hotline/surveys/routes.js";
import { scheduleSurveySms } from "./hotline/surveys/sms-job.js";
import bridgeRoutes from "./hotline/voice/bridge/routes.js";
import callRouting from "./hotline/voice/routing-plugin.js";
import voiceRoutes from "./hotline/voice/voice-routes.js";
import esmsStatusRoutes from "./messaging/esms-routes.js";
import { registerMessagingHooks } from "./messaging/hooks.js";
import smsStatusRoutes from "./messaging/status-routes.js";
import campaignRoutes from "./outreach/campaigns/routes.js";
import smsPolicyRoutes from "./outreach/compliance/routes.js";
import dncRoutes from "./outreach/consent/dnc/routes.js";
import { registerErasedHashKey } from "./outreach/consent/erased/erased.js";
import smsInboundRoutes from "./outreach/consent/opt-outs/inbound-routes.js";
import suppressionRoutes from "./outreach/consent/opt-outs/routes.js";
import contactListRoutes from "./outreach/contact-lists/routes.js";
import contactImportRoutes from "./outreach/contacts/import-routes.js";
import contactRoutes from "./outreach/contacts/routes.js";
import campaignLinkRoutes from "./outreach/links/public-routes.js";
import linkSettingsRoutes from "./outreach/links/settings-routes.js";
import { outreachMessagingHooks } from "./outreach/messaging-hooks.js";
import segmentRoutes from "./outreach/segments/routes.js";
import smsSenderRoutes from "./outreach/senders/routes.js";
import smsPreviewRoutes from "./outreach/templates/preview-routes.js";
import smsTemplateRoutes from "./outreach/templates/routes.js";
import znsTemplateRoutes from "./outreach/zns/routes.js";
import auditRoutes from "./platform/audit/routes.js";
import healthRoutes from "./platform/health/routes.js";
import systemRoutes from "./platform/health/system-routes.js";
import { canonicalIdKeyword } from "./platform/http/canonical-id.js";
import declaredContentTypes from "./platform/plugins/app/declared-content-types.js";
import drainOnClose from "./platform/plugins/app/drain-on-close.js";
import errorHandler from "./platform/plugins/app/error-handler.js";
import inputGuard from "./platform/plugins/app/input-guard.js";
import sameOrigin from "./platform/plugins/app/same-origin.js";
import configPlugin from "./platform/plugins/external/config.js";
import consolePlugin from "./platform/plugins/external/console.js";
import corsPlugin from "./platform/plugins/external/cors.js";
import dbPlugin from "./platform/plugins/external/db.js";
import queuesPlugin from "./platform/plugins/external/queues.js";
import redisPlugin from "./platform/plugins/external/redis.js";
import securityHeaders from "./platform/plugins/external/security-headers.js";
import voiceApis from "./platform/plugins/external/voice-apis.js";
import privacyRequestDataRoutes from "./privacy/requests/data-routes.js";
import privacyExportDownloadRoutes from "./privacy/requests/export-download.js";
import privacyRequestRoutes from "./privacy/requests/routes.js";
import { retentionPreviewRoutes, retentionSettingsRoutes } from "./privacy/retention/routes.js";

// Wrapped with fastify-plugin so what it decorates (db, redis, callRouting…) is visible on the instance
// that registers it: the entry points and the tests.
export const app = fp<{ config: Config }>(async (fastify, { config }) => {
  // Receipts and carrier unsubscribes reach campaigns and the opt-out list (messaging knows neither).
  registerMessagingHooks(outreachMessagingHooks);
  // Erased numbers are kept as hashes under this key; launch and send check them (Law 91/2025).
  registerErasedHashKey(config.PRIVACY_HASH_KEY);
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
  await fastify.register(voiceApis);
  await fastify.register(simulatorNetwork);
  await fastify.register(wrapUpSweep);
  await fastify.register(callQueues, { onStaffChanged: () => fastify.callRouting.invalidate() });

  await fastify.register(healthRoutes);
  await fastify.register(consolePlugin);
  // Fire and forget: a Redis outage must neither hold up nor fail Twilio's status callback.
  const onSurveyMissed = async (callId: number) => {
    scheduleSurveySms(fastify.queues.surveys, callId).catch((error: unknown) =>
      fastify.log.error({ callId, err: error instanceof Error ? error.message : String(error) }, "could not queue the survey SMS"),
    );
  };
  await fastify.register(voiceRoutes, { prefix: "/twilio/voice", onSurveyMissed });
  await fastify.register(placedCallbackVoiceRoutes, {
    prefix: "/twilio/voice/callback",
    voiceApiFor: (simulated) => fastify.voiceApis.forCall({ simulated }),
    hotlineNumber: config.HOTLINE_NUMBER,
    onSurveyMissed,
  });
  await fastify.register(smsStatusRoutes, { prefix: "/twilio/sms" });
  await fastify.register(esmsStatusRoutes, { prefix: "/esms/sms" });
  await fastify.register(smsInboundRoutes, { prefix: "/twilio/sms" });
  await fastify.register(surveyRoutes);
  await fastify.register(knowledgePublicRoutes);
  await fastify.register(caseLinkRoutes);
  await fastify.register(campaignLinkRoutes);
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
      await api.register(systemRoutes, { prefix: "/system" });
      await api.register(hoursOverrideRoutes, { prefix: "/hours-overrides" });
      await api.register(staffRoutes, { prefix: "/staff" });
      await api.register(callbackRoutes, { prefix: "/callback-requests" });
      await api.register(callRoutes, { prefix: "/calls" });
      await api.register(noteCategoryRoutes, { prefix: "/note-categories" });
      await api.register(knowledgeRoutes, { prefix: "/knowledge-articles" });
      await api.register(knowledgeCsvRoutes, { prefix: "/knowledge-articles" });
      await api.register(caseRoutes, { prefix: "/cases" });
      await api.register(caseServiceLevelRoutes, { prefix: "/case-service-levels" });
      await api.register(privacyRequestRoutes, { prefix: "/privacy-requests" });
      await api.register(privacyRequestDataRoutes, { prefix: "/privacy-requests" });
      await api.register(privacyExportDownloadRoutes, { prefix: "/privacy-exports" });
      await api.register(bridgeRoutes, { prefix: "/desk/calls" });
      await api.register(recordingRoutes, { prefix: "/recordings" });
      await api.register(reportRoutes, { prefix: "/reports" });
      await api.register(agencyReportRoutes, { prefix: "/agency-reports" });
      await api.register(scoringRoutes, { prefix: "/report-scoring" });
      await api.register(boardRoutes, { prefix: "/board" });
      await api.register(deskRoutes, { prefix: "/desk" });
      await api.register(retentionSettingsRoutes, { prefix: "/settings/retention" });
      await api.register(retentionPreviewRoutes, { prefix: "/retention" });
      await api.register(linkSettingsRoutes, { prefix: "/settings/tracked-links" });
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
      await api.register(znsTemplateRoutes, { prefix: "/zns-templates" });
      await api.register(smsSenderRoutes, { prefix: "/sms-senders" });
      await api.register(smsPolicyRoutes, { prefix: "/settings/sms-policy" });
    },
    { prefix: "/api" },
  );
});

/** The path of a request as logs may show it: no query string, no callback secret. */
export const loggedPath = (url: string) =>
  (url.split("?")[0] ?? "").replace(/^(\/esms\/sms\/status\/[^/]*\/)[^/]+/, "$1…").replace(/^\/l\/.*/, "/l/:code");

export function serverOptions(config: Config): FastifyServerOptions {
  return {
    logger: {
      level: config.LOG_LEVEL,
      // Cookies carry sessions; never let them reach the logs.
      redact: ["req.headers.cookie", 'res.headers["set-cookie"]'],
      serializers: {
        // Query strings can carry citizens' phone numbers (list filters): log the path only, without
        // the secret of an unsigned vendor's callback URL (server/messaging/esms-routes.ts) or a short
        // link's code, which may be a recipient's own (TRACKED_LINK_PER_RECIPIENT).
        req: (request) => ({ method: request.method, path: loggedPath(request.url), id: request.id }),
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
