// The hottest statements of a call step, as plain SQL in one place. Every voice webhook runs them, and
// under load Prisma's per-query work (compiling and interpreting the query plan, one statement per
// relation) cost more CPU than PostgreSQL did; each of these is one statement, one round trip.

import { type Call, Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import type { CallPatch } from "./effects.js";

type Tx = Prisma.TransactionClient;

/** Every column of calls, named as the Call model names them. */
const CALL_COLUMNS = Prisma.sql`
  c.id, c.call_sid AS "callSid", c.caller, c.hotline, c.simulated, c.status, c.flow_version_id AS "flowVersionId",
  c.state, c.topic, c.agency_id AS "agencyId", c.staff_id AS "staffId", c.started_at AS "startedAt",
  c.ring_started_at AS "ringStartedAt", c.answered_at AS "answeredAt", c.bridge_ended_at AS "bridgeEndedAt",
  c.ended_at AS "endedAt", c.ivr_seconds AS "ivrSeconds", c.ring_seconds AS "ringSeconds",
  c.talk_seconds AS "talkSeconds", c.termination, c.created_at AS "createdAt", c.updated_at AS "updatedAt"`;

export interface KnownStep {
  callId: number;
  flowVersionId: number | null;
  /** The event of this very step when it already ran (a Twilio retry); its response is the answer to replay. */
  replay: { response: string | null } | null;
}

/** The call and, when this step already ran, its stored answer: one statement, no lock. */
export async function knownStep(db: Db, callSid: string, dedupeKey: string): Promise<KnownStep | null> {
  const rows = await db.$queryRaw<{ id: number; flowVersionId: number | null; eventId: number | null; response: string | null }[]>`
    SELECT c.id, c.flow_version_id AS "flowVersionId", e.id AS "eventId", e.response
    FROM calls c LEFT JOIN call_events e ON e.call_id = c.id AND e.dedupe_key = ${dedupeKey}
    WHERE c.call_sid = ${callSid}`;
  const row = rows[0];
  if (!row) return null;
  return { callId: row.id, flowVersionId: row.flowVersionId, replay: row.eventId === null ? null : { response: row.response } };
}

/**
 * Locks the call's row and returns it. The same statement first bounds this transaction's lock waits
 * and later statements by `timeoutMs` (set_config(…, true) is local to the transaction; the FROM item
 * is evaluated before any row is locked), so PostgreSQL itself gives up at the step's deadline.
 */
export async function lockCall(tx: Tx, callSid: string, timeoutMs: number): Promise<Call | null> {
  const ms = String(Math.max(1, Math.floor(timeoutMs)));
  const rows = await tx.$queryRaw<Call[]>`
    SELECT ${CALL_COLUMNS}
    FROM (SELECT set_config('lock_timeout', ${ms}, true), set_config('statement_timeout', ${ms}, true)) AS bounds, calls c
    WHERE c.call_sid = ${callSid}
    FOR UPDATE OF c`;
  return rows[0] ?? null;
}

/** The stored answer of this step, read under the call's lock (a copy may have committed while this one waited). */
export async function storedAnswer(tx: Tx, callId: number, dedupeKey: string): Promise<{ response: string | null } | null> {
  const rows = await tx.$queryRaw<{ response: string | null }[]>`
    SELECT response FROM call_events WHERE call_id = ${callId} AND dedupe_key = ${dedupeKey}`;
  return rows[0] ?? null;
}

export interface NewCall {
  callSid: string;
  caller: string;
  hotline: string;
  status: string;
  simulated: boolean;
  flowVersionId: number;
}

/** INSERT … ON CONFLICT DO NOTHING: simultaneous copies of the incoming webhook create one call, none fails. */
export async function insertCall(db: Db, call: NewCall): Promise<void> {
  const state = JSON.stringify({ step: 0, ivr: null });
  await db.$executeRaw`
    INSERT INTO calls (call_sid, caller, hotline, status, simulated, flow_version_id, state, updated_at)
    VALUES (${call.callSid}, ${call.caller}, ${call.hotline}, ${call.status}, ${call.simulated}, ${call.flowVersionId},
            ${state}::jsonb, now())
    ON CONFLICT (call_sid) DO NOTHING`;
}

export interface StepWrite {
  callId: number;
  kind: string;
  dedupeKey: string;
  /** The event's data: what was kept of the request and the interpreter's effects. */
  data: unknown;
  /** The TwiML answered, replayed to any retry. */
  response: string;
  at: Date;
  /** The call's state after the step, and the columns its effects changed. */
  state: unknown;
  patch: CallPatch;
}

/**
 * Stores the step's event and the call's new state and columns in one statement. Runs under the
 * call's row lock; a column the step leaves alone keeps its value (COALESCE with NULL).
 */
export async function writeStep(tx: Tx, write: StepWrite): Promise<void> {
  const { patch } = write;
  await tx.$executeRaw`
    WITH event AS (
      INSERT INTO call_events (call_id, kind, dedupe_key, data, response, at)
      VALUES (${write.callId}, ${write.kind}, ${write.dedupeKey}, ${JSON.stringify(write.data)}::jsonb, ${write.response}, ${write.at})
    )
    UPDATE calls SET
      state = ${JSON.stringify(write.state)}::jsonb,
      topic = COALESCE(${patch.topic ?? null}::text, topic),
      agency_id = COALESCE(${patch.agencyId ?? null}::int, agency_id),
      ring_started_at = COALESCE(${patch.ringStartedAt ?? null}::timestamptz, ring_started_at),
      termination = COALESCE(${patch.termination ?? null}::"CallTermination", termination),
      talk_seconds = COALESCE(${patch.talkSeconds ?? null}::int, talk_seconds),
      bridge_ended_at = COALESCE(${patch.bridgeEndedAt ?? null}::timestamptz, bridge_ended_at),
      updated_at = now()
    WHERE id = ${write.callId}`;
}
