// Retention's I/O: the dry run (previewRetention: how many rows of each kind the next run would
// remove) and the nightly run (applyRetention). Both read the same filters (selection.ts) at the same
// cutoffs (plan.ts). Work goes in bounded batches by id. Recordings and voicemails are deleted at
// Twilio first; one Twilio would not delete keeps its row, and its call, for the next run rather
// than being forgotten while the audio still exists.

import { unlink } from "node:fs/promises";
import type { RetentionKind } from "../../contract/privacy/retention.js";
import type { TwilioClient } from "../../messaging/vendors/twilio.js";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Db } from "../../platform/db/client.js";
import { type Cutoffs, cutoffsOf, planRetention } from "./plan.js";
import * as select from "./selection.js";
import { readRetention } from "./settings.js";

const BATCH = 200;

export interface RetentionDeps {
  db: Db;
  /** Without it (no Twilio account: development, simulated calls) recordings are only marked deleted. */
  twilio?: TwilioClient;
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void };
}

export interface RetentionResult {
  /** Rows removed per kind (recordings and voicemails: deleted at Twilio and marked deleted here). */
  removed: Record<RetentionKind, number>;
  /** Recordings and voicemails Twilio would not delete: kept, with their call, for the next run. */
  failed: number;
  /** Closed data-subject requests whose number was cleared (kept: their hash, as proof). */
  requestNumbersCleared: number;
}

export interface PreviewKind {
  kind: RetentionKind;
  days: number;
  cutoff: Date;
  count: number | null;
}

async function count(db: Db, kind: RetentionKind, cutoffs: Cutoffs, now: Date): Promise<number | null> {
  switch (kind) {
    case "recordings":
    case "voicemails":
      return db.recording.count({ where: select.liveRecordings(cutoffs, kind) });
    case "notes":
      return db.callNote.count({ where: select.notes(cutoffs) });
    case "surveyAnswers":
      return db.surveyAnswer.count({ where: select.surveyAnswers(cutoffs) });
    case "callbackRequests":
      return db.callbackRequest.count({ where: select.callbackRequests(cutoffs) });
    case "smsMessages":
      return db.smsMessage.count({ where: select.smsMessages(cutoffs) });
    case "campaignRecipients":
      return db.campaignRecipient.count({ where: select.campaignRecipients(cutoffs) });
    case "contactsWithoutConsent":
      return db.contact.count({ where: select.contactsWithoutConsent(cutoffs) });
    case "calls":
      return db.call.count({ where: select.calls(cutoffs) });
    case "auditEntries":
      return db.auditLog.count({ where: select.auditEntries(cutoffs) });
    case "exports":
      return db.privacyExport.count({ where: select.exports(cutoffs, now) });
  }
}

/** The dry run: per kind, its period, its cutoff and how many rows a run at `now` would remove. */
export async function previewRetention(db: Db, now: Date): Promise<PreviewKind[]> {
  const plan = planRetention(await readRetention(db), now);
  const cutoffs = cutoffsOf(plan);
  const kinds: PreviewKind[] = [];
  for (const planned of plan) kinds.push({ ...planned, count: await count(db, planned.kind, cutoffs, now) });
  return kinds;
}

/**
 * Deletes, batch by batch, the rows `find` returns after an id (ascending); `remove` deletes some
 * ids and says how many went. The cursor moves past every batch, so rows a step chose to keep
 * (a failed recording) are not found again in the same run.
 */
async function inBatches<Row extends { id: number }>(
  find: (afterId: number) => Promise<Row[]>,
  remove: (ids: number[], rows: Row[]) => Promise<number>,
): Promise<number> {
  let removed = 0;
  let lastId = 0;
  for (;;) {
    const batch = await find(lastId);
    if (batch.length === 0) return removed;
    lastId = batch[batch.length - 1]?.id ?? lastId;
    removed += await remove(
      batch.map((row) => row.id),
      batch,
    );
  }
}

const page = (afterId: number) => ({ where: { id: { gt: afterId } }, select: { id: true }, orderBy: { id: "asc" as const }, take: BATCH });
const after = <W extends object>(where: W, afterId: number) => ({ ...page(afterId), where: { AND: [where, { id: { gt: afterId } }] } });

/** Deletes one recording at Twilio; a 404 means it is already gone, which is what we want. */
async function deleteAtTwilio(twilio: TwilioClient | undefined, recordingSid: string): Promise<void> {
  if (!twilio) return;
  try {
    await twilio.recordings(recordingSid).remove();
  } catch (error) {
    if ((error as { status?: number }).status === 404) return;
    throw error;
  }
}

async function purgeRecordings(deps: RetentionDeps, kind: "recordings" | "voicemails", cutoffs: Cutoffs, result: RetentionResult) {
  const { db } = deps;
  return inBatches(
    (afterId) =>
      db.recording.findMany({
        ...after(select.liveRecordings(cutoffs, kind), afterId),
        select: { id: true, recordingSid: true, callId: true },
      }),
    async (_ids, batch) => {
      let removed = 0;
      for (const recording of batch) {
        try {
          await deleteAtTwilio(deps.twilio, recording.recordingSid);
        } catch (error) {
          result.failed++;
          deps.log?.warn(
            { recordingId: recording.id, callId: recording.callId, err: String(error) },
            "recording not deleted at Twilio; retrying next run",
          );
          continue;
        }
        await db.recording.update({ where: { id: recording.id }, data: { deletedAt: new Date(), mediaUrl: null } });
        removed++;
      }
      return removed;
    },
  );
}

/** Export archives: the file first, so a row only goes once its file is gone (or never was). Ids are cuids. */
async function purgeExports(db: Db, where: ReturnType<typeof select.exports>): Promise<number> {
  let removed = 0;
  let lastId = "";
  for (;;) {
    const batch = await db.privacyExport.findMany({
      where: { AND: [where, { id: { gt: lastId } }] },
      select: { id: true, path: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) return removed;
    lastId = batch[batch.length - 1]?.id ?? lastId;
    for (const row of batch) {
      await unlink(row.path).catch((error: NodeJS.ErrnoException) => {
        if (error.code !== "ENOENT") throw error;
      });
    }
    removed += (await db.privacyExport.deleteMany({ where: { id: { in: batch.map((row) => row.id) } } })).count;
  }
}

async function removeKind(deps: RetentionDeps, kind: RetentionKind, cutoffs: Cutoffs, result: RetentionResult, now: Date): Promise<number> {
  const { db } = deps;
  switch (kind) {
    case "recordings":
    case "voicemails":
      return purgeRecordings(deps, kind, cutoffs, result);
    case "notes":
      return inBatches(
        (id) => db.callNote.findMany(after(select.notes(cutoffs), id)),
        async (ids) => (await db.callNote.deleteMany({ where: { id: { in: ids } } })).count,
      );
    case "surveyAnswers":
      return inBatches(
        (id) => db.surveyAnswer.findMany(after(select.surveyAnswers(cutoffs), id)),
        async (ids) => (await db.surveyAnswer.deleteMany({ where: { id: { in: ids } } })).count,
      );
    case "callbackRequests":
      return inBatches(
        (id) => db.callbackRequest.findMany(after(select.callbackRequests(cutoffs), id)),
        async (ids) => (await db.callbackRequest.deleteMany({ where: { id: { in: ids } } })).count,
      );
    case "smsMessages":
      return inBatches(
        (id) => db.smsMessage.findMany(after(select.smsMessages(cutoffs), id)),
        async (ids) => (await db.smsMessage.deleteMany({ where: { id: { in: ids } } })).count,
      );
    case "campaignRecipients":
      return inBatches(
        (id) => db.campaignRecipient.findMany(after(select.campaignRecipients(cutoffs), id)),
        async (ids) => (await db.campaignRecipient.deleteMany({ where: { id: { in: ids } } })).count,
      );
    case "contactsWithoutConsent":
      return inBatches(
        (id) => db.contact.findMany(after(select.contactsWithoutConsent(cutoffs), id)),
        // Checked again at deletion: a contact granted consent (or snapshotted by a launch) meanwhile stays.
        async (ids) =>
          (await db.contact.deleteMany({ where: { AND: [{ id: { in: ids } }, select.contactsWithoutConsent(cutoffs)] } })).count,
      );
    case "calls":
      // Reports stay true without the calls: the roll-up tables are kept by triggers as calls are
      // written (hotline/reports, migration report_rollups), and deleting a call subtracts nothing.
      // A call keeps itself while a recording of it is still live (Twilio refused to delete it).
      return inBatches(
        (id) => db.call.findMany(after({ ...select.calls(cutoffs), recordings: { none: { deletedAt: null } } }, id)),
        async (ids) => (await db.call.deleteMany({ where: { id: { in: ids } } })).count,
      );
    case "auditEntries":
      return inBatches(
        (id) => db.auditLog.findMany(after(select.auditEntries(cutoffs), id)),
        async (ids) => (await db.auditLog.deleteMany({ where: { id: { in: ids } } })).count,
      );
    case "exports":
      return purgeExports(db, select.exports(cutoffs, now));
  }
}

/** The nightly run: every kind in turn, then one audit entry saying what went (counts only). */
export async function applyRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const settings = await readRetention(db);
  const plan = planRetention(settings, now);
  const cutoffs = cutoffsOf(plan);
  const result: RetentionResult = { removed: {} as Record<RetentionKind, number>, failed: 0, requestNumbersCleared: 0 };
  for (const { kind } of plan) {
    result.removed[kind] = await removeKind(deps, kind, cutoffs, result, now);
  }
  // A closed request keeps only the hash of its number after 30 days (proof it was handled, Decree 356).
  result.requestNumbersCleared = (
    await db.dataSubjectRequest.updateMany({ where: select.closedRequestNumbers(now), data: { phone: null } })
  ).count;
  const total = Object.values(result.removed).reduce((sum, n) => sum + n, 0);
  if (total + result.failed + result.requestNumbersCleared > 0) {
    await writeAudit(db, {
      actorId: null,
      action: "retention_purge",
      resource: "settings",
      resourceId: "retention",
      after: { settings, ...result },
    });
  }
  return result;
}
