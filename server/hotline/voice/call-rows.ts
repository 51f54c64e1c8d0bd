// The hottest statements of a call step, as plain SQL in one place. Every voice webhook runs them, and
// under load Prisma's per-query work (compiling and interpreting the query plan, one statement per
// relation) cost more CPU than PostgreSQL did; each of these is one statement, one round trip.

import { type Call, Prisma } from "../../generated/prisma/client.js";
import type { CallTermination } from "../../generated/prisma/enums.js";
import type { Db } from "../../platform/db/client.js";
import { plainRows as rowsOf } from "../../platform/db/plain-sql.js";
import type { StoredCallState } from "./call-state.js";
import type { CallPatch, SurveyAnswerWrite } from "./effects.js";

type Tx = Prisma.TransactionClient;

/** Every column of calls, named as the Call model names them, from the table or alias `from`. */
function callColumns(from: "c" | "calls"): Prisma.Sql {
  const c = Prisma.raw(from);
  return Prisma.sql`
  ${c}.id, ${c}.call_sid AS "callSid", ${c}.caller, ${c}.hotline, ${c}.simulated, ${c}.status, ${c}.flow_version_id AS "flowVersionId",
  ${c}.state, ${c}.topic, ${c}.agency_id AS "agencyId", ${c}.staff_id AS "staffId", ${c}.started_at AS "startedAt",
  ${c}.ring_started_at AS "ringStartedAt", ${c}.answered_at AS "answeredAt", ${c}.bridge_ended_at AS "bridgeEndedAt",
  ${c}.ended_at AS "endedAt", ${c}.ivr_seconds AS "ivrSeconds", ${c}.ring_seconds AS "ringSeconds",
  ${c}.talk_seconds AS "talkSeconds", ${c}.termination, ${c}.version, ${c}.created_at AS "createdAt", ${c}.updated_at AS "updatedAt"`;
}

/** A timeout in whole milliseconds, at least 1, as PostgreSQL's settings take it. */
const timeoutSetting = (ms: number) => String(Math.max(1, Math.floor(ms)));

export interface SeenStep {
  /** The call as it was read, without a lock. */
  call: Call;
  /** The event of this very step when it already ran (a Twilio retry); its response is the answer to replay. */
  replay: { response: string | null } | null;
}

/** The call and, when this step already ran, its stored answer: one statement, no lock. */
export async function readStep(db: Db, callSid: string, dedupeKey: string): Promise<SeenStep | null> {
  const rows = await rowsOf<Call & { eventId: number | null; response: string | null }>(
    db,
    Prisma.sql`
    SELECT ${callColumns("c")}, e.id AS "eventId", e.response
    FROM calls c LEFT JOIN call_events e ON e.call_id = c.id AND e.dedupe_key = ${dedupeKey}
    WHERE c.call_sid = ${callSid}`,
  );
  const row = rows[0];
  if (!row) return null;
  const { eventId, response, ...call } = row;
  return { call, replay: eventId === null ? null : { response } };
}

/**
 * Locks the call's row and returns it. The same statement first bounds this transaction's lock waits
 * and later statements by `timeoutMs` (set_config(…, true) is local to the transaction; the FROM item
 * is evaluated before any row is locked), so PostgreSQL itself gives up at the step's deadline.
 */
export async function lockCall(tx: Tx, callSid: string, timeoutMs: number): Promise<Call | null> {
  const ms = timeoutSetting(timeoutMs);
  const rows = await rowsOf<Call>(
    tx,
    Prisma.sql`
    SELECT ${callColumns("c")}
    FROM (SELECT set_config('lock_timeout', ${ms}, true), set_config('statement_timeout', ${ms}, true)) AS bounds, calls c
    WHERE c.call_sid = ${callSid}
    FOR UPDATE OF c`,
  );
  return rows[0] ?? null;
}

/** The stored answer of this step, read under the call's lock (a copy may have committed while this one waited). */
export async function storedAnswer(tx: Tx, callId: number, dedupeKey: string): Promise<{ response: string | null } | null> {
  const rows = await rowsOf<{ response: string | null }>(
    tx,
    Prisma.sql`
    SELECT response FROM call_events WHERE call_id = ${callId} AND dedupe_key = ${dedupeKey}`,
  );
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
  await rowsOf(
    db,
    Prisma.sql`
    INSERT INTO calls (call_sid, caller, hotline, status, simulated, flow_version_id, state, updated_at)
    VALUES (${call.callSid}, ${call.caller}, ${call.hotline}, ${call.status}, ${call.simulated}, ${call.flowVersionId},
            ${state}::jsonb, now())
    ON CONFLICT (call_sid) DO NOTHING`,
  );
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
  /** The call's state after the step, and the columns and survey answers its effects changed. */
  state: StoredCallState;
  patch: CallPatch;
  answers: SurveyAnswerWrite[];
}

/**
 * A write of what was computed from the call as read, without a lock: it lands only if the call is
 * still at the version read (a trigger raises it on every update) and the deadline has not passed.
 * It never waits for the row either: a row locked by another session (FOR UPDATE SKIP LOCKED) counts
 * as changed, and the caller takes the locked path, which waits within the step's deadline.
 */
export interface VersionGuard {
  version: number;
  deadline: Date;
}

interface Guarded {
  /** The first CTE of the statement, with its comma. */
  target: Prisma.Sql;
  from: Prisma.Sql;
  where: Prisma.Sql;
}

function guarded(callId: number, guard: VersionGuard | undefined): Guarded {
  if (!guard) return { target: Prisma.empty, from: Prisma.empty, where: Prisma.empty };
  return {
    target: Prisma.sql`target AS MATERIALIZED (
      SELECT id FROM calls WHERE id = ${callId} AND version = ${guard.version} AND clock_timestamp() < ${guard.deadline}
      FOR UPDATE SKIP LOCKED
    ),`,
    from: Prisma.sql`FROM target`,
    where: Prisma.sql`AND calls.id = target.id`,
  };
}

/**
 * Stores the step's event, its survey answers and the call's new state and columns in one statement.
 * Under the call's row lock it always writes; with a guard it writes only if the guard holds. Returns
 * the call as written, or null when it did not write. A column the step leaves alone keeps its value
 * (COALESCE with NULL).
 */
export async function writeStep(db: Db | Tx, write: StepWrite, guard?: VersionGuard): Promise<Call | null> {
  const { patch } = write;
  const { target, from, where } = guarded(write.callId, guard);
  const rows = await rowsOf<Call>(
    db,
    Prisma.sql`
    WITH ${target} moved AS (
      UPDATE calls SET
        state = ${JSON.stringify(write.state)}::jsonb,
        topic = COALESCE(${patch.topic ?? null}::text, topic),
        agency_id = COALESCE(${patch.agencyId ?? null}::int, agency_id),
        ring_started_at = COALESCE(${patch.ringStartedAt ?? null}::timestamptz, ring_started_at),
        termination = COALESCE(${patch.termination ?? null}::"CallTermination", termination),
        talk_seconds = COALESCE(${patch.talkSeconds ?? null}::int, talk_seconds),
        bridge_ended_at = COALESCE(${patch.bridgeEndedAt ?? null}::timestamptz, bridge_ended_at),
        updated_at = now()
      ${from}
      WHERE calls.id = ${write.callId} ${where}
      RETURNING ${callColumns("calls")}
    ), ${stepRowsOf("moved", write)}
    SELECT * FROM moved`,
  );
  return rows[0] ?? null;
}

/**
 * A new call and its first step in one statement: INSERT … ON CONFLICT DO NOTHING, so of simultaneous
 * copies of the incoming webhook one creates the call with its first event (and gets the new row) and
 * the others write nothing (null) and replay that event's answer. Nothing is written past the deadline.
 */
export async function insertCallAtFirstStep(db: Db, call: NewCall, write: Omit<StepWrite, "callId">, deadline: Date): Promise<Call | null> {
  const { patch } = write;
  const rows = await rowsOf<Call>(
    db,
    Prisma.sql`
    WITH created AS (
      INSERT INTO calls (call_sid, caller, hotline, status, simulated, flow_version_id, state, topic, agency_id,
                         ring_started_at, termination, updated_at)
      SELECT ${call.callSid}, ${call.caller}, ${call.hotline}, ${call.status}, ${call.simulated}, ${call.flowVersionId},
             ${JSON.stringify(write.state)}::jsonb, ${patch.topic ?? null}::text, ${patch.agencyId ?? null}::int,
             ${patch.ringStartedAt ?? null}::timestamptz, ${patch.termination ?? null}::"CallTermination", now()
      WHERE clock_timestamp() < ${deadline}
      ON CONFLICT (call_sid) DO NOTHING
      RETURNING ${callColumns("calls")}
    ), ${stepRowsOf("created", write)}
    SELECT * FROM created`,
  );
  return rows[0] ?? null;
}

/** The step's event and survey answers, written for the call row that `source` (a CTE) returned. */
function stepRowsOf(source: "moved" | "created", write: Omit<StepWrite, "callId">): Prisma.Sql {
  const from = Prisma.raw(source);
  return Prisma.sql`
    event AS (
      INSERT INTO call_events (call_id, kind, dedupe_key, data, response, at)
      SELECT id, ${write.kind}, ${write.dedupeKey}, ${JSON.stringify(write.data)}::jsonb, ${write.response}, ${write.at} FROM ${from}
    ), answers AS (
      INSERT INTO survey_answers (call_id, question, value, channel)
      SELECT r.id, a.question, a.value, 'ivr' FROM ${from} r, jsonb_to_recordset(${JSON.stringify(write.answers)}::jsonb) AS a(question text, value int)
      ON CONFLICT (call_id, question) DO NOTHING
    )`;
}

/** What a status callback changes on the call (none of it when the status does not move it forward). */
export interface StatusWrite {
  callId: number;
  dedupeKey: string;
  data: unknown;
  at: Date;
  columns: {
    status?: string;
    endedAt?: Date;
    termination?: CallTermination;
    ivrSeconds?: number | null;
    ringSeconds?: number | null;
    talkSeconds?: number | null;
  };
}

/**
 * Records a status callback's event and applies its columns in one statement; with a guard only if the
 * call is still at the version read. Returns null when it did not write, else the call's survey
 * answers so far (the SMS survey goes to answered calls without any).
 */
export async function writeStatus(db: Db | Tx, write: StatusWrite, guard?: VersionGuard): Promise<{ answers: number } | null> {
  const { columns } = write;
  const { target, from, where } = guarded(write.callId, guard);
  // Every column is set (to itself when unchanged), so the event and the version move together.
  const rows = await rowsOf<{ answers: number }>(
    db,
    Prisma.sql`
    WITH ${target} moved AS (
      UPDATE calls SET
        status = COALESCE(${columns.status ?? null}::text, status),
        ended_at = COALESCE(${columns.endedAt ?? null}::timestamptz, ended_at),
        termination = COALESCE(${columns.termination ?? null}::"CallTermination", termination),
        ivr_seconds = CASE WHEN ${"ivrSeconds" in columns} THEN ${columns.ivrSeconds ?? null}::int ELSE ivr_seconds END,
        ring_seconds = CASE WHEN ${"ringSeconds" in columns} THEN ${columns.ringSeconds ?? null}::int ELSE ring_seconds END,
        talk_seconds = CASE WHEN ${"talkSeconds" in columns} THEN ${columns.talkSeconds ?? null}::int ELSE talk_seconds END,
        updated_at = now()
      ${from}
      WHERE calls.id = ${write.callId} ${where}
      RETURNING calls.id
    ), event AS (
      INSERT INTO call_events (call_id, kind, dedupe_key, data, at)
      SELECT id, 'status', ${write.dedupeKey}, ${JSON.stringify(write.data)}::jsonb, ${write.at} FROM moved
    )
    SELECT (SELECT count(*)::int FROM survey_answers WHERE call_id = moved.id) AS answers FROM moved`,
  );
  return rows[0] ?? null;
}

/**
 * A staff member's key press in the whisper, in one statement that never waits for the call's row:
 * it connects them only if the call is still ringing them at this step and nobody has answered yet
 * (with simultaneous ringing the first to press wins). False when it did not, for whatever reason
 * (another session holds the row, another staff member won, the call moved on, or this is a copy of a
 * press already recorded): the caller then decides under the call's lock. Returns the call as written.
 */
export async function acceptWhisper(
  db: Db,
  accept: { callSid: string; step: number; staffId: number; at: Date; deadline: Date },
): Promise<Call | null> {
  const rows = await rowsOf<Call>(
    db,
    Prisma.sql`
    WITH target AS MATERIALIZED (
      SELECT id FROM calls WHERE call_sid = ${accept.callSid} AND clock_timestamp() < ${accept.deadline} FOR UPDATE SKIP LOCKED
    ), won AS (
      UPDATE calls SET staff_id = ${accept.staffId}, answered_at = COALESCE(calls.answered_at, ${accept.at}), updated_at = now()
      FROM target
      -- Nobody holds the call: not answered yet, or passed on by a cold transfer (answered_at stays the first answer).
      WHERE calls.id = target.id AND calls.ended_at IS NULL AND calls.staff_id IS NULL
        AND (calls.state->>'step')::int = ${accept.step}
        AND calls.state->'ivr'->'route'->'dialing' @> to_jsonb(${accept.staffId}::int)
        -- Rung for two calls at once, a staff member takes only one: not this one once on another.
        AND NOT EXISTS (
          SELECT 1 FROM users u
          WHERE u.id = ${accept.staffId} AND u.presence = 'on_call' AND u.presence_call_id IS DISTINCT FROM calls.id
        )
      RETURNING ${callColumns("calls")}
    ), event AS (
      INSERT INTO call_events (call_id, kind, dedupe_key, data, at)
      SELECT id, 'whisper-accept', ${`accept:${accept.step}`}, ${JSON.stringify({ staffId: accept.staffId })}::jsonb, ${accept.at} FROM won
    )
    SELECT * FROM won`,
  );
  return rows[0] ?? null;
}

export interface RecordingWrite {
  callSid: string;
  recordingSid: string;
  kind: "call" | "voicemail";
  status: string;
  durationSeconds: number | null;
  channels: number | null;
  mediaUrl: string | null;
}

/**
 * A recording status callback in one statement: simultaneous copies leave one row, and completed,
 * absent and failed are final (a late in-progress never overwrites them). Nothing for an unknown call.
 */
export async function upsertRecording(db: Db, recording: RecordingWrite): Promise<void> {
  await rowsOf(
    db,
    Prisma.sql`
    INSERT INTO recordings (recording_sid, call_id, kind, status, duration_seconds, channels, media_url)
    SELECT ${recording.recordingSid}, c.id, ${recording.kind}, ${recording.status}, ${recording.durationSeconds}::int,
           ${recording.channels}::int, ${recording.mediaUrl}::text
    FROM calls c WHERE c.call_sid = ${recording.callSid}
    ON CONFLICT (recording_sid) DO UPDATE SET
      status = EXCLUDED.status, duration_seconds = EXCLUDED.duration_seconds, channels = EXCLUDED.channels,
      media_url = EXCLUDED.media_url
    WHERE recordings.status NOT IN ('completed', 'absent', 'failed')`,
  );
}
