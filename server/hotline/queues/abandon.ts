// A caller who hangs up while waiting (or while the queue rings a staff member for them): the wait ends
// abandoned, with the time waited on the call, and a staff member reserved for them is free again.
import type { Db } from "../../platform/db/client.js";
import { leaveQueue } from "./entries.js";
import { releaseFromCall } from "./presence-stand-in.js";

/** Returns the agency to dispatch for when a reserved staff member was let go, else null. Idempotent. */
export async function abandonWait(db: Db, callSid: string, now: Date): Promise<{ agencyId: number; staffFreed: boolean } | null> {
  return db.$transaction(async (tx) => {
    const call = await tx.call.findUnique({ where: { callSid }, select: { id: true } });
    if (!call) return null;
    const left = await leaveQueue(tx, call.id, "abandoned", now);
    if (!left) return null;
    const staffFreed = left.staffId !== null && (await releaseFromCall(tx, left.staffId, call.id, now));
    return { agencyId: left.agencyId, staffFreed };
  });
}
