// The daily retention run: recordings past their period are deleted at Twilio and here; calls past
// theirs are deleted with everything hanging off them (events, notes, answers, links: cascade).
// Work goes in bounded batches by id, and a recording Twilio would not delete keeps itself and its
// call for the next run rather than being forgotten while the audio still exists.

import type { TwilioClient } from "../../messaging/vendors/twilio.js";
import { writeAudit } from "../../platform/audit/audit.js";
import type { Db } from "../../platform/db/client.js";
import { readRetention } from "./settings.js";

const BATCH = 200;
const DAY_MS = 24 * 3600 * 1000;

export interface RetentionDeps {
  db: Db;
  /** Without it (no Twilio account: development, simulated calls) recordings are only marked deleted. */
  twilio?: TwilioClient;
  now?: () => Date;
  log?: { warn(obj: object, msg: string): void };
}

export interface RetentionResult {
  recordingsDeleted: number;
  recordingsFailed: number;
  callsDeleted: number;
}

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

/** Deletes (at Twilio, then marks) the live recordings matching `where`; returns the ids of calls with failures. */
async function purgeRecordings(
  deps: RetentionDeps,
  where: { createdAt?: { lt: Date }; callId?: { in: number[] } },
  result: RetentionResult,
) {
  const failedCalls = new Set<number>();
  let lastId = 0;
  for (;;) {
    const batch = await deps.db.recording.findMany({
      where: { ...where, deletedAt: null, id: { gt: lastId } },
      select: { id: true, recordingSid: true, callId: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (batch.length === 0) break;
    lastId = batch[batch.length - 1]?.id ?? lastId;
    for (const recording of batch) {
      try {
        await deleteAtTwilio(deps.twilio, recording.recordingSid);
      } catch (error) {
        result.recordingsFailed++;
        failedCalls.add(recording.callId);
        deps.log?.warn(
          { recordingId: recording.id, callId: recording.callId, err: String(error) },
          "recording not deleted at Twilio; retrying next run",
        );
        continue;
      }
      await deps.db.recording.update({ where: { id: recording.id }, data: { deletedAt: new Date(), mediaUrl: null } });
      result.recordingsDeleted++;
    }
  }
  return failedCalls;
}

export async function applyRetention(deps: RetentionDeps): Promise<RetentionResult> {
  const { db } = deps;
  const now = (deps.now ?? (() => new Date()))();
  const { recordingDays, callDays } = await readRetention(db);
  const result: RetentionResult = { recordingsDeleted: 0, recordingsFailed: 0, callsDeleted: 0 };

  await purgeRecordings(deps, { createdAt: { lt: new Date(now.getTime() - recordingDays * DAY_MS) } }, result);

  const callCutoff = new Date(now.getTime() - callDays * DAY_MS);
  let lastId = 0;
  for (;;) {
    const calls = await db.call.findMany({
      where: { startedAt: { lt: callCutoff }, id: { gt: lastId } },
      select: { id: true },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (calls.length === 0) break;
    lastId = calls[calls.length - 1]?.id ?? lastId;
    // Recordings newer than their own period still go with their call; the audio at Twilio first.
    const failed = await purgeRecordings(deps, { callId: { in: calls.map((c) => c.id) } }, result);
    const ids = calls.map((c) => c.id).filter((id) => !failed.has(id));
    if (ids.length === 0) continue;
    await db.$transaction(async (tx) => {
      // SMS rows keep the caller's number and survive the call (SET NULL): the survey texts go too.
      await tx.smsMessage.deleteMany({ where: { callId: { in: ids } } });
      const { count } = await tx.call.deleteMany({ where: { id: { in: ids } } });
      result.callsDeleted += count;
    });
  }

  if (result.recordingsDeleted + result.callsDeleted > 0) {
    await writeAudit(db, {
      actorId: null,
      action: "retention_purge",
      resource: "settings",
      resourceId: "retention",
      after: { recordingDays, callDays, ...result },
    });
  }
  return result;
}
