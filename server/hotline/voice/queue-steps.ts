// The event of a turn of the wait loop: what the caller pressed and what the queue says of their wait.
import type { Db } from "../../platform/db/client.js";
import type { IvrEvent } from "../ivr/types.js";
import { waitView } from "../queues/entries.js";

export async function queueTick(db: Db, callSid: string, digits: string, now: Date): Promise<IvrEvent> {
  const view = await waitView(db, callSid, now);
  const assigned = view?.assigned
    ? {
        staffId: view.assigned.staffId,
        ...(view.assigned.phone ? { phone: view.assigned.phone } : {}),
        ...(view.assigned.clientIdentity ? { clientIdentity: view.assigned.clientIdentity } : {}),
      }
    : null;
  return {
    type: "queue-tick",
    digits,
    waitedSeconds: view?.waitedSeconds ?? 0,
    position: view?.position ?? 1,
    expectedWaitSeconds: view?.expectedWaitSeconds ?? null,
    assigned,
  };
}
