// /api/campaigns/:id/<action>: the lifecycle from the console (lifecycle.ts). Every action is a
// conditional UPDATE on the state it expects (409 otherwise) with its audit entry in the same
// transaction. Approval follows the two-person rule and records what it covers (approval.ts); what
// is committed is then handed to the job queue (hand-over.ts).
import type { FastifyPluginAsyncTypebox } from "@fastify/type-provider-typebox";
import type { FastifyRequest } from "fastify";
import { currentUser } from "../../access/auth/authentication.js";
import { Prisma } from "../../generated/prisma/client.js";
import { createSenderProvider } from "../../messaging/registry.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import { conflict } from "../../platform/http/errors.js";
import { IdParams } from "../../platform/http/schemas.js";
import { withinDeadline } from "../../platform/jobs/deadline.js";
import { loadPolicy } from "../compliance/settings.js";
import { approveCampaign, launchRefusal, liveDifferences, returnForApproval } from "./approval.js";
import { gatewayLaunchRefusal } from "./gateway-checks.js";
import { handOverToQueue } from "./hand-over.js";
import { cancelScheduledLaunch, scheduleDispatch, scheduleLaunch } from "./jobs.js";
import { nextStatus } from "./lifecycle.js";
import { assertPolicyReady } from "./policy-ready.js";
import { loadCampaign, presentCampaign } from "./records.js";
import { Campaign } from "./schemas.js";
import { launchCampaign } from "./service.js";
import { changeState } from "./state-change.js";

const campaignActionRoutes: FastifyPluginAsyncTypebox<{ clock: () => Date }> = async (fastify, { clock }) => {
  const { db } = fastify;
  const managers = fastify.allow("campaigns:manage");
  const approvers = fastify.allow("campaigns:approve");
  const operators = fastify.allow("campaigns:send");
  const queue = () => fastify.queues.campaigns;
  const actor = (request: FastifyRequest) => ({ id: currentUser(request).id, ip: request.ip });
  /** The decision is committed: queue its job, or leave it to the worker's reconciler (hand-over.ts). */
  const handOver = (request: FastifyRequest, id: number, what: string, enqueue: () => Promise<void>) =>
    handOverToQueue(db, request.log, id, what, enqueue);
  /**
   * Best effort: a delayed launch job left behind (Redis unreachable) finds the launch no longer
   * requested (launchedAt cleared) and does nothing (jobs.ts).
   */
  const dropScheduledLaunch = (request: FastifyRequest, id: number) =>
    withinDeadline("cancel scheduled launch", cancelScheduledLaunch(queue(), id)).catch((error: unknown) =>
      request.log.warn({ campaignId: id, err: String(error) }, "scheduled launch job not removed; it will find the launch withdrawn"),
    );

  const Action = { params: IdParams, response: { 200: Campaign } };

  fastify.post("/:id/submit", { preHandler: managers, schema: Action }, async (request) => {
    assertPolicyReady(await loadPolicy(db));
    // Asking for approval makes one an author too: the approver must be someone else.
    await changeState(db, request.params.id, { action: "submit", actor: actor(request), editors: [currentUser(request).id] });
    return presentCampaign(db, request.params.id);
  });

  fastify.post("/:id/approve", { preHandler: approvers, schema: Action }, async (request) => {
    await approveCampaign(db, request.params.id, currentUser(request).id, request.ip, clock());
    return presentCampaign(db, request.params.id);
  });

  fastify.post("/:id/reject", { preHandler: approvers, schema: Action }, async (request) => {
    await dropScheduledLaunch(request, request.params.id);
    await changeState(db, request.params.id, {
      action: "reject",
      actor: actor(request),
      extra: () => ({ approvedById: null, approvedAt: null, approval: Prisma.DbNull, launchedAt: null }),
    });
    return presentCampaign(db, request.params.id);
  });

  fastify.post("/:id/launch", { preHandler: operators, schema: Action }, async (request) => {
    const user = currentUser(request);
    const { id } = request.params;
    const campaign = await loadCampaign(db, id);
    const step = nextStatus(campaign.status, "launch");
    if (!step.ok) throw conflict(step.message);
    if (!campaign.approvedById) throw conflict("The campaign has not been approved");
    assertPolicyReady(await loadPolicy(db));
    const now = clock();
    const sender = await db.smsSender.findUniqueOrThrow({ where: { id: campaign.senderId } });
    if (sender.provider === "esms") {
      const refusal = await gatewayLaunchRefusal(db, campaign, createSenderProvider(fastify.config, {}, sender), now);
      if (refusal) throw conflict(refusal);
    }
    if (campaign.scheduledAt && campaign.scheduledAt > now) {
      // The launch itself checks again; checking now tells whoever asks, rather than nobody later.
      const changed = await liveDifferences(db, campaign);
      if (changed.length > 0) {
        await returnForApproval(db, id, changed, user.id, request.ip, now);
        throw conflict(launchRefusal(changed));
      }
      // Stays 'scheduled'; launchedAt records the requested start so a restarted worker re-plans it.
      const at = campaign.scheduledAt;
      await auditedWrite(db, {
        actorId: user.id,
        ip: request.ip,
        resource: "campaigns",
        action: "launch",
        write: (tx) => tx.campaign.update({ where: { id }, data: { launchedAt: at } }),
        audit: () => ({ resourceId: id, after: { at } }),
      });
      await handOver(request, id, "scheduled launch", () => scheduleLaunch(queue(), id, at.getTime() - now.getTime()));
      return presentCampaign(db, id);
    }
    const result = await launchCampaign(db, now, id, user.id, request.ip);
    if (!result.ok) throw conflict(result.message);
    await handOver(request, id, "dispatch", () => scheduleDispatch(queue(), id));
    return presentCampaign(db, id);
  });

  fastify.post("/:id/pause", { preHandler: operators, schema: Action }, async (request) => {
    const user = currentUser(request);
    await changeState(db, request.params.id, {
      action: "pause",
      actor: actor(request),
      extra: () => ({ pausedReason: `Paused by ${user.name}` }),
    });
    return presentCampaign(db, request.params.id);
  });

  fastify.post("/:id/resume", { preHandler: operators, schema: Action }, async (request) => {
    await changeState(db, request.params.id, { action: "resume", actor: actor(request), extra: () => ({ pausedReason: null }) });
    await handOver(request, request.params.id, "dispatch", () => scheduleDispatch(queue(), request.params.id));
    return presentCampaign(db, request.params.id);
  });

  fastify.post("/:id/cancel", { preHandler: operators, schema: Action }, async (request) => {
    const { id } = request.params;
    const now = clock();
    await changeState(db, id, { action: "cancel", actor: actor(request), extra: () => ({ completedAt: now }) });
    await dropScheduledLaunch(request, id);
    // Whoever has not been claimed will not be: skipped with the reason. In-flight sends finish.
    await db.$executeRaw`UPDATE campaign_recipients SET status = 'skipped', skip_reason = 'cancelled', updated_at = ${now}
      WHERE campaign_id = ${id} AND status = 'pending'`;
    return presentCampaign(db, id);
  });

  fastify.post("/:id/resend-failed", { preHandler: managers, schema: Action }, async (request) => {
    const { id } = request.params;
    const now = clock();
    const campaign = await loadCampaign(db, id);
    const step = nextStatus(campaign.status, "resend_failed");
    if (!step.ok) throw conflict(step.message);
    const user = currentUser(request);
    await auditedWrite(db, {
      actorId: user.id,
      ip: request.ip,
      resource: "campaigns",
      action: "resend_failed",
      write: async (tx) => {
        // A new attempt for failed recipients only; every earlier attempt keeps its own message row.
        const count = await tx.$executeRaw`UPDATE campaign_recipients SET status = 'pending', attempts = 0, not_before = NULL,
          updated_at = ${now} WHERE campaign_id = ${id} AND status = 'failed'`;
        if (count === 0) throw conflict("No failed recipients to resend to");
        const { count: moved } = await tx.campaign.updateMany({
          where: { id, status: step.from },
          data: { status: step.to, completedAt: null, checkpoint: 0, ...(step.from === "completed" ? { pausedReason: null } : {}) },
        });
        if (moved === 0) throw conflict("The campaign changed meanwhile; reload and try again");
        return count;
      },
      audit: (count) => ({ resourceId: id, after: { recipients: count } }),
    });
    if (step.to === "running") await handOver(request, id, "dispatch", () => scheduleDispatch(queue(), id));
    return presentCampaign(db, id);
  });
};

export default campaignActionRoutes;
