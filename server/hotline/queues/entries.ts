// Queue entries (queue_entries): a caller's place in an agency's line, first come first served by
// the time they joined. Joining, leaving with an outcome (and the call's queue_seconds and
// queue_outcome), going back in line after a ring nobody took, and what a turn of the wait loop
// needs to know: the position, the expected wait and whether a staff member was reserved.
import { RING_COLUMNS_SQL } from "../../agencies/staff/answer-on.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { QueueOutcome } from "../../generated/prisma/enums.js";
import type { Db } from "../../platform/db/client.js";
import { expectedWaitSeconds, WINDOW_MS } from "./expected-wait.js";

type Tx = Prisma.TransactionClient;

export async function joinQueue(tx: Tx, callId: number, agencyId: number, at: Date): Promise<void> {
  // A retried step or a second pass of the same chain keeps the first place in line.
  await tx.$executeRaw`
    INSERT INTO queue_entries (call_id, agency_id, enqueued_at) VALUES (${callId}, ${agencyId}, ${at})
    ON CONFLICT (call_id, agency_id) DO NOTHING`;
}

export interface LeftEntry {
  agencyId: number;
  staffId: number | null;
  enqueuedAt: Date;
}

/**
 * Ends the call's wait (in `agencyId`'s queue, or any queue) with `outcome`, and adds the time waited
 * to the call: until connected for an answer (the ring is not waiting), until now otherwise. Nothing
 * when the call is not waiting. Returns the entry as it was.
 */
export async function leaveQueue(
  tx: Tx | Db,
  callId: number,
  outcome: Exclude<QueueOutcome, "waiting">,
  at: Date,
  agencyId: number | null = null,
): Promise<LeftEntry | null> {
  const rows = await tx.$queryRaw<LeftEntry[]>`
    WITH left_entry AS (
      UPDATE queue_entries SET outcome = ${outcome}::"QueueOutcome", left_at = ${at}
      WHERE call_id = ${callId} AND outcome = 'waiting' AND (${agencyId}::int IS NULL OR agency_id = ${agencyId}::int)
      RETURNING agency_id, staff_id, enqueued_at, assigned_at
    ), waited AS (
      SELECT COALESCE(sum(GREATEST(0, round(extract(epoch FROM (
        CASE WHEN ${outcome} = 'answered' THEN COALESCE(assigned_at, ${at}) ELSE ${at} END) - enqueued_at)))), 0)::int AS seconds
      FROM left_entry
    ), call AS (
      UPDATE calls SET queue_seconds = COALESCE(queue_seconds, 0) + waited.seconds, queue_outcome = ${outcome}::"QueueOutcome", updated_at = now()
      FROM waited WHERE calls.id = ${callId} AND EXISTS (SELECT 1 FROM left_entry)
    )
    SELECT agency_id AS "agencyId", staff_id AS "staffId", enqueued_at AS "enqueuedAt" FROM left_entry`;
  return rows[0] ?? null;
}

/** The reserved staff member let it ring: the caller waits again, in the place they had. */
export async function returnToQueue(tx: Tx, callId: number, agencyId: number): Promise<void> {
  await tx.$executeRaw`
    UPDATE queue_entries SET staff_id = NULL, assigned_at = NULL
    WHERE call_id = ${callId} AND agency_id = ${agencyId} AND outcome = 'waiting'`;
}

export interface WaitView {
  entryId: number;
  agencyId: number;
  waitedSeconds: number;
  /** 1 for the first in line; callers being connected are no longer in line ahead. */
  position: number;
  expectedWaitSeconds: number | null;
  assigned: { staffId: number; phone: string | null; clientIdentity: string | null } | null;
}

/** What a turn of the wait loop needs, for the call's waiting entry; null when the call waits nowhere. */
export async function waitView(db: Db, callSid: string, now: Date): Promise<WaitView | null> {
  const rows = await db.$queryRaw<
    {
      entryId: number;
      agencyId: number;
      enqueuedAt: Date;
      position: number;
      staffId: number | null;
      phone: string | null;
      clientIdentity: string | null;
      answers: Date[] | null;
    }[]
  >(Prisma.sql`
    SELECT q.id AS "entryId", q.agency_id AS "agencyId", q.enqueued_at AS "enqueuedAt", q.staff_id AS "staffId",
           ${RING_COLUMNS_SQL},
           (SELECT count(*)::int FROM queue_entries o
             WHERE o.agency_id = q.agency_id AND o.outcome = 'waiting' AND o.staff_id IS NULL
               AND (o.enqueued_at, o.id) <= (q.enqueued_at, q.id)) AS position,
           (SELECT array_agg(a.assigned_at) FROM queue_entries a
             WHERE a.agency_id = q.agency_id AND a.outcome = 'answered' AND a.assigned_at > ${new Date(now.getTime() - WINDOW_MS)}) AS answers
    FROM calls c JOIN queue_entries q ON q.call_id = c.id AND q.outcome = 'waiting'
    LEFT JOIN users u ON u.id = q.staff_id
    WHERE c.call_sid = ${callSid}
    ORDER BY q.enqueued_at DESC LIMIT 1`);
  const row = rows[0];
  if (!row) return null;
  const position = Math.max(1, row.position);
  return {
    entryId: row.entryId,
    agencyId: row.agencyId,
    waitedSeconds: Math.max(0, Math.round((now.getTime() - row.enqueuedAt.getTime()) / 1000)),
    position,
    expectedWaitSeconds: expectedWaitSeconds(position, row.answers ?? [], now),
    assigned: row.staffId !== null ? { staffId: row.staffId, phone: row.phone, clientIdentity: row.clientIdentity } : null,
  };
}

/** The callback request of a caller who chose it while waiting keeps the time they joined the line. */
export async function placeOf(tx: Tx, callId: number, agencyId: number): Promise<Date | null> {
  const rows = await tx.$queryRaw<{ enqueuedAt: Date }[]>`
    SELECT enqueued_at AS "enqueuedAt" FROM queue_entries WHERE call_id = ${callId} AND agency_id = ${agencyId}`;
  return rows[0]?.enqueuedAt ?? null;
}
