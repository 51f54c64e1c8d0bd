// call_legs: each staff member's part in a call. The first leg is written when the whisper is
// accepted (the existing answer path); a cold transfer opens a leg for the chosen agency at once
// (nobody yet: who transferred to whom is on record even when nobody there answers), which the
// accept of someone there then takes; consult and listen legs are written when placed. Every write
// is idempotent: Twilio's retries carry the same leg call sid.
import { Prisma } from "../../../generated/prisma/client.js";
import type { CallLegRole } from "../../../generated/prisma/enums.js";
import type { Db } from "../../../platform/db/client.js";

type Tx = Prisma.TransactionClient;

export interface AnsweredLeg {
  callId: number;
  staffId: number;
  /** The staff member's Twilio call (the Dial's child leg). */
  legCallSid: string | null;
  at: Date;
}

/**
 * The staff member who accepted takes the transferred leg waiting for their agency, or gets a new
 * answer leg of the call's current agency. A copy of the webhook changes nothing (the leg's call sid
 * is unique, and the waiting leg is taken once).
 */
export async function recordAnsweredLeg(db: Db | Tx, leg: AnsweredLeg): Promise<void> {
  await db.$executeRaw`
    WITH call AS (SELECT id, agency_id, ring_started_at FROM calls WHERE id = ${leg.callId}),
    taken AS (
      UPDATE call_legs SET staff_id = ${leg.staffId}, call_sid = ${leg.legCallSid}, answered_at = ${leg.at}
      WHERE id = (
        SELECT l.id FROM call_legs l, call WHERE l.call_id = call.id AND l.staff_id IS NULL AND l.ended_at IS NULL
          AND l.role = 'answer' AND NOT EXISTS (SELECT 1 FROM call_legs d WHERE d.call_sid = ${leg.legCallSid})
        ORDER BY l.id DESC LIMIT 1
      )
      RETURNING id
    )
    INSERT INTO call_legs (call_id, staff_id, agency_id, role, call_sid, rung_at, answered_at)
    SELECT call.id, ${leg.staffId}, call.agency_id, 'answer', ${leg.legCallSid}, COALESCE(call.ring_started_at, ${leg.at}), ${leg.at}
    FROM call WHERE NOT EXISTS (SELECT 1 FROM taken)
      AND NOT EXISTS (SELECT 1 FROM call_legs l WHERE l.call_id = call.id AND l.staff_id = ${leg.staffId} AND l.call_sid IS NOT DISTINCT FROM ${leg.legCallSid})
    ON CONFLICT (call_sid) DO NOTHING`;
}

/** The staff member's open leg of the call (the one they act from), if any. */
export async function openLegOf(db: Db | Tx, callId: number, staffId: number) {
  return db.callLeg.findFirst({
    where: { callId, staffId, endedAt: null, answeredAt: { not: null } },
    orderBy: { id: "desc" },
  });
}

/** Ends the open legs of the call (of these staff only, when given); returns the staff whose leg ended. */
export async function endLegs(db: Db | Tx, callId: number, at: Date, staffIds?: number[]): Promise<number[]> {
  const only = staffIds ? Prisma.sql`AND staff_id = ANY(${staffIds}::int[])` : Prisma.empty;
  const rows = await db.$queryRaw<{ staffId: number | null }[]>`
    UPDATE call_legs SET ended_at = ${at} WHERE call_id = ${callId} AND ended_at IS NULL ${only}
    RETURNING staff_id AS "staffId"`;
  return rows.flatMap((r) => (r.staffId === null ? [] : [r.staffId]));
}

export interface NewLeg {
  callId: number;
  role: CallLegRole;
  staffId: number | null;
  agencyId: number | null;
  callSid?: string | null;
  fromLegId: number | null;
  transfer?: "cold" | "warm" | null;
  reason?: string | null;
  at: Date;
}

export async function openLeg(db: Db | Tx, leg: NewLeg) {
  return db.callLeg.create({
    data: {
      callId: leg.callId,
      role: leg.role,
      staffId: leg.staffId,
      agencyId: leg.agencyId,
      callSid: leg.callSid ?? null,
      rungAt: leg.at,
      fromLegId: leg.fromLegId,
      transfer: leg.transfer ?? null,
      reason: leg.reason ?? null,
    },
  });
}
