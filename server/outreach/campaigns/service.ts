// Actions on campaigns that both the API and the worker perform.

import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import type { SmsPolicy } from "../compliance/policy.js";
import { loadPolicy } from "../compliance/settings.js";
import { ApprovalNoLongerHolds, assertSnapshotApproved, returnForApproval } from "./approval.js";
import { materialise, parseAudience } from "./materialise.js";
import { policyBlocker } from "./policy-ready.js";

export type LaunchResult = { ok: true; recipients: number } | { ok: false; message: string };

/**
 * scheduled → running, with the audience snapshot written in the same transaction: a crash leaves
 * either an approved campaign with no recipients or a running one with all of them. A snapshot that
 * is not what was approved (approval.ts) is rolled back and the campaign goes back for approval.
 */
export async function launchCampaign(
  db: Db,
  now: Date,
  campaignId: number,
  actorId: number | null,
  ip: string | null,
): Promise<LaunchResult> {
  const policy = await loadPolicy(db);
  // A scheduled launch reaches here from the worker: the policy may have changed since approval.
  const blocker = policyBlocker(policy);
  if (blocker) return { ok: false, message: blocker };
  try {
    const launched = await launchApproved(db, now, campaignId, actorId, ip, policy);
    // Statistics taken before a large snapshot would have the planner scan a campaign's whole
    // audience for every batch the dispatcher claims: taken again now, not when autovacuum comes by.
    if (launched.ok && launched.recipients >= ANALYZE_AFTER_RECIPIENTS) await db.$executeRaw`ANALYZE campaign_recipients`;
    return launched;
  } catch (error) {
    if (!(error instanceof ApprovalNoLongerHolds)) throw error;
    await returnForApproval(db, campaignId, error.differences, actorId, ip, now);
    return { ok: false, message: error.message };
  }
}

/** A snapshot this large changes campaign_recipients enough to take its statistics again. */
const ANALYZE_AFTER_RECIPIENTS = 10_000;

function launchApproved(
  db: Db,
  now: Date,
  campaignId: number,
  actorId: number | null,
  ip: string | null,
  policy: SmsPolicy,
): Promise<LaunchResult> {
  return auditedWrite<LaunchResult>(db, {
    actorId,
    ip,
    resource: "campaigns",
    action: "launch",
    write: async (tx) => {
      const claimed = await tx.$queryRaw<{ audience: unknown }[]>`
        UPDATE campaigns SET status = 'running', launched_at = ${now}, checkpoint = 0, paused_reason = NULL, updated_at = ${now}
        WHERE id = ${campaignId} AND status = 'scheduled' RETURNING audience`;
      const row = claimed[0];
      if (!row) return { ok: false, message: "Only an approved (scheduled) campaign can be launched" };
      const recipients = await materialise(tx as unknown as Db, campaignId, parseAudience(row.audience), policy, now);
      await assertSnapshotApproved(tx, campaignId);
      return { ok: true, recipients };
    },
    audit: (result) => (result.ok ? { resourceId: campaignId, after: { recipients: result.recipients } } : null),
    // A million-number snapshot takes a while; the default 5 s would abort it.
    transaction: { timeout: 30 * 60_000, maxWait: 30_000 },
  });
}

/** Running campaigns and requested launches, for a worker that starts (after a crash or a Redis loss). */
export async function campaignsToResume(db: Db): Promise<{ running: number[]; launches: { id: number; at: Date }[] }> {
  const running = await db.campaign.findMany({ where: { status: "running" }, select: { id: true } });
  // A requested launch is an approved campaign with launchedAt set to when it should start.
  const launches = await db.campaign.findMany({
    where: { status: "scheduled", launchedAt: { not: null } },
    select: { id: true, launchedAt: true },
  });
  return { running: running.map((c) => c.id), launches: launches.map((c) => ({ id: c.id, at: c.launchedAt as Date })) };
}
