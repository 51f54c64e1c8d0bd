// Writes one journaled webhook into the call log. Idempotent: the event is keyed by the call and
// `degraded:<key>` (unique in call_events) and its effects run only when that event is new, so a
// replay interrupted, repeated or run by two processes at once records everything exactly once.

import type { Prisma } from "../../../generated/prisma/client.js";
import { storedCaller } from "../../../phone/caller-id.js";
import type { Db } from "../../../platform/db/client.js";
import { recordCallStatus } from "../call-end.js";
import { callLocks } from "../call-lock.js";
import { deadlineAt } from "../deadline.js";
import type { JournalEntry } from "./journal.js";

type Tx = Prisma.TransactionClient;

const FINAL_RECORDING = ["completed", "absent", "failed"];
// Replay runs in the background with nobody on the line: it may wait for the call's lock much longer
// than a webhook would.
const REPLAY_STATUS_BUDGET_MS = 30_000;

export async function replayEntry(db: Db, entry: JournalEntry): Promise<void> {
  const at = new Date(entry.at);
  if (entry.kind === "status") {
    // recordCallStatus keeps its own dedupe key (status:<status>) and never moves a call backwards.
    await db.$transaction((tx) => ensureCall(tx, entry, at));
    await recordCallStatus(
      db,
      callLocks(db),
      { callSid: entry.callSid, status: entry.params.CallStatus ?? "", data: statusData(entry) },
      at,
      deadlineAt(Date.now() + REPLAY_STATUS_BUDGET_MS),
    );
    return;
  }
  await db.$transaction(async (tx) => {
    const call = await ensureCall(tx, entry, at);
    const created = await tx.callEvent.createMany({
      data: [{ callId: call.id, kind: "degraded", dedupeKey: `degraded:${entry.key}`, data: eventData(entry), at }],
      skipDuplicates: true,
    });
    if (created.count === 0) return;
    await applyEffect(tx, call, entry, at);
  });
}

/** The call row, created from the journal when the database never saw the call; locked for this entry. */
async function ensureCall(tx: Tx, entry: JournalEntry, at: Date) {
  const caller = entry.caller ? storedCaller(entry.caller) : "";
  await tx.call.upsert({
    where: { callSid: entry.callSid },
    create: {
      callSid: entry.callSid,
      caller,
      hotline: entry.hotline ?? "",
      status: "in-progress",
      simulated: entry.params.Simulated === "true",
      state: { step: 0, ivr: null },
      startedAt: at,
    },
    update: {},
  });
  const [call] = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM calls WHERE call_sid = ${entry.callSid} FOR UPDATE`;
  const row = await tx.call.findUniqueOrThrow({ where: { id: call?.id } });
  // A call first seen through a callback without the caller's number gets it from a later entry.
  if (!row.caller && caller) return tx.call.update({ where: { id: row.id }, data: { caller } });
  return row;
}

type CallRow = Awaited<ReturnType<typeof ensureCall>>;

async function applyEffect(tx: Tx, call: CallRow, entry: JournalEntry, at: Date): Promise<void> {
  const params = entry.params;
  switch (entry.kind) {
    case "record":
    case "voicemail":
      await callbackRequest(tx, call, at);
      if (!call.termination) await tx.call.update({ where: { id: call.id }, data: { termination: "voicemail" } });
      return;
    case "operators-dial":
    case "dial":
      if (params.DialCallStatus === "completed" && Number(params.DialCallDuration ?? 0) > 0) {
        await tx.call.update({
          where: { id: call.id },
          data: { termination: call.termination ?? "answered", talkSeconds: Number(params.DialCallDuration), bridgeEndedAt: at },
        });
      }
      return;
    case "whisper-accept": {
      const staffId = Number(params.staff);
      if (params.Digits !== "1" || call.answeredAt || !Number.isInteger(staffId)) return;
      if (!(await tx.user.findUnique({ where: { id: staffId }, select: { id: true } }))) return;
      await tx.call.update({ where: { id: call.id }, data: { staffId, answeredAt: at } });
      return;
    }
    case "recording-status":
      await recording(tx, call.id, params);
      return;
    default:
      // incoming, gather, whisper, fallback: the event itself is the record.
      return;
  }
}

/** One per call (unique): the caller who left a voicemail during the outage is called back first thing. */
async function callbackRequest(tx: Tx, call: CallRow, at: Date): Promise<void> {
  if (!call.caller) return;
  const agencyId =
    call.agencyId ?? (await tx.agency.findFirst({ where: { parentId: null }, orderBy: { id: "asc" }, select: { id: true } }))?.id;
  if (agencyId === undefined) return;
  await tx.callbackRequest.upsert({
    where: { callId: call.id },
    create: { callId: call.id, agencyId, phone: call.caller, dueAt: at },
    update: {},
  });
}

async function recording(tx: Tx, callId: number, params: Record<string, string>): Promise<void> {
  const sid = params.RecordingSid;
  if (!sid) return;
  const number = (raw: string | undefined) => (raw && Number.isFinite(Number(raw)) ? Number(raw) : null);
  const fields = {
    status: params.RecordingStatus ?? "completed",
    durationSeconds: number(params.RecordingDuration),
    channels: number(params.RecordingChannels),
    mediaUrl: params.RecordingUrl ?? null,
  };
  await tx.recording.createMany({
    data: [{ recordingSid: sid, callId, kind: params.RecordingSource === "RecordVerb" ? "voicemail" : "call", ...fields }],
    skipDuplicates: true,
  });
  await tx.recording.updateMany({ where: { recordingSid: sid, status: { notIn: FINAL_RECORDING } }, data: fields });
}

function eventData(entry: JournalEntry): Prisma.InputJsonValue {
  return { webhook: entry.kind, reason: entry.reason, answer: entry.answer, ...entry.params };
}

function statusData(entry: JournalEntry): Record<string, unknown> {
  return { CallStatus: entry.params.CallStatus ?? null, CallDuration: entry.params.CallDuration ?? null, degraded: entry.reason };
}
