// The queue's part in staff presence (docs/queues.md): the dispatcher holds a staff member for a
// waiting caller (on_call for that call), and lets them go when the caller is not connected to them.
// Everything else (answer, wrap-up, missed rings of ordinary rings) is server/agencies/staff/presence.ts.
import { setPresence } from "../../agencies/staff/presence.js";
import { Prisma } from "../../generated/prisma/client.js";

type Tx = Prisma.TransactionClient;

/** Who the dispatcher may give a caller to: available (never someone on a call, in wrap-up, away or offline). */
export const AVAILABLE_STAFF = Prisma.sql`u.active AND u.presence = 'available'`;

/** Held for a waiting caller by the dispatcher: on_call for that call, so nobody else rings them. */
export async function holdForCall(tx: Tx, staffId: number, callId: number, at: Date): Promise<void> {
  await setPresence(tx, staffId, "on_call", { byUserId: null, at, callId });
}

/**
 * The staff member held for this caller let the ring pass: no longer held, available again. The
 * step's routing effect then counts the missed ring like any other (presence.ts: away after the
 * second in a row). False when they had moved on meanwhile.
 */
export async function ringFromQueueMissed(tx: Tx, staffId: number, callId: number, at: Date): Promise<boolean> {
  const row = await tx.user.findUnique({ where: { id: staffId }, select: { presence: true, presenceCallId: true, missedRings: true } });
  if (row?.presence !== "on_call" || row.presenceCallId !== callId) return false;
  await setPresence(tx, staffId, "available", { byUserId: null, at, callId });
  // Being held was not coming back: the rings already let pass still count.
  await tx.user.update({ where: { id: staffId }, data: { missedRings: row.missedRings } });
  return true;
}

/**
 * The caller hung up while a staff member was held for them but had not taken the call: available
 * again. Whoever answered it is left to presence.ts, which starts their after-call work. Returns the
 * agencies of those set free.
 */
export async function releaseHeldFor(tx: Tx, callId: number, at: Date): Promise<number[]> {
  const held = await tx.$queryRaw<{ id: number; agencyId: number }[]>`
    SELECT u.id, u.agency_id AS "agencyId" FROM users u
    WHERE u.presence = 'on_call' AND u.presence_call_id = ${callId}
      AND NOT EXISTS (SELECT 1 FROM calls c WHERE c.id = ${callId} AND c.answered_at IS NOT NULL AND c.staff_id = u.id)`;
  for (const member of held) await setPresence(tx, member.id, "available", { byUserId: null, at, callId });
  return held.map((member) => member.agencyId);
}
