// A caller who hangs up while waiting (or while the queue rings a staff member for them): the wait ends
// abandoned, with the time waited on the call, and a staff member reserved for them is free again.
import type { Db } from "../../platform/db/client.js";
import { leaveQueue } from "./entries.js";
import { releaseHeldFor } from "./staff-holds.js";

/**
 * At the end of a call: its wait, if any, ends abandoned; staff still held by it (reserved, or on it
 * when no Dial action came) are free. Returns the agencies to dispatch for. Idempotent.
 */
export async function endWait(db: Db, callSid: string, now: Date): Promise<number[]> {
  return db.$transaction(async (tx) => {
    const call = await tx.call.findUnique({ where: { callSid }, select: { id: true } });
    if (!call) return [];
    await leaveQueue(tx, call.id, "abandoned", now);
    return releaseHeldFor(tx, call.id, now);
  });
}
