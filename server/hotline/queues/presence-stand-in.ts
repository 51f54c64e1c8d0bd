// STAND-IN for server/agencies/staff/presence.ts (being built beside the queue): the few presence
// writes the queue needs, on users.presence directly. At the merge each function becomes a call to
// presence.ts (which also writes presence_changes, wrap-up and missed rings); the SQL fragment
// becomes presence.ts's own notion of "available".
import { Prisma } from "../../generated/prisma/client.js";

type Tx = Prisma.TransactionClient;

/**
 * Who the dispatcher may give a caller to: on duty and `available` (so never someone on a call, in
 * wrap-up, away, or who just went offline). Until presence lands, staff on duty whose presence was
 * never set (the seed leaves them offline) count as available too, as routing counts them.
 */
export const AVAILABLE_STAFF = Prisma.sql`u.active AND u.on_duty AND u.presence IN ('available', 'offline')`;

/** Reserved for a caller (by the dispatcher) or answering one (the whisper accepted): on_call. */
export async function markOnCall(tx: Tx, staffId: number, callId: number, at: Date): Promise<void> {
  await tx.$executeRaw`
    UPDATE users SET presence = 'on_call', presence_since = ${at}, presence_call_id = ${callId}
    WHERE id = ${staffId} AND (presence <> 'on_call' OR presence_call_id IS DISTINCT FROM ${callId})`;
}

/**
 * The staff member's part of this call is over (the leg ended, the ring was let pass, or the caller
 * left while it rang): available again, unless they moved on to something else meanwhile.
 * presence.ts puts them in wrap-up and counts missed rings instead.
 */
export async function releaseFromCall(tx: Tx, staffId: number, callId: number, at: Date): Promise<boolean> {
  const changed = await tx.$executeRaw`
    UPDATE users SET presence = 'available', presence_since = ${at}, presence_call_id = NULL
    WHERE id = ${staffId} AND presence = 'on_call' AND presence_call_id = ${callId}`;
  return changed > 0;
}

/** The call ended: whoever is still on it (the Dial action never came) is free. Returns their agencies. */
export async function releaseAllFromCall(tx: Tx, callId: number, at: Date): Promise<number[]> {
  const rows = await tx.$queryRaw<{ agencyId: number | null }[]>`
    UPDATE users SET presence = 'available', presence_since = ${at}, presence_call_id = NULL
    WHERE presence = 'on_call' AND presence_call_id = ${callId}
    RETURNING agency_id AS "agencyId"`;
  return rows.flatMap((r) => (r.agencyId === null ? [] : [r.agencyId]));
}
