// What the interpreter's queue effects change in the database, inside the call step's transaction
// (under the call's row lock): the entry joined, left or given back its place, the staff member let
// go, and the place a callback request keeps. Returns the agencies whose dispatch may now pair
// someone, for after the commit.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Effect } from "../ivr/types.js";
import { joinQueue, leaveQueue, placeOf, returnToQueue } from "./entries.js";
import { ringFromQueueMissed } from "./staff-holds.js";

type Tx = Prisma.TransactionClient;

/** Effects that write queue or presence rows: such a step runs under the call's lock. */
export function touchesQueue(effects: Effect[]): boolean {
  return effects.some(
    (e) =>
      e.type === "queue-joined" ||
      e.type === "queue-left" ||
      e.type === "queue-returned" ||
      (e.type === "routing" && e.decision === "answered"),
  );
}

export interface QueueWrites {
  /** Agencies to dispatch for once committed: a caller joined or came back, or a staff member is free. */
  dispatch: number[];
  /** A staff member's presence changed: the routing snapshot is stale. */
  staffChanged: boolean;
  /** For a callback chosen in the queue: when the caller joined the line. */
  placedAt: Date | null;
}

export async function applyQueueEffects(tx: Tx, callId: number, effects: Effect[], now: Date): Promise<QueueWrites> {
  const writes: QueueWrites = { dispatch: [], staffChanged: false, placedAt: null };
  for (const effect of effects) {
    switch (effect.type) {
      case "queue-joined":
        // A transferred caller keeps the place their call's start gives them (the dispatcher serves the oldest first).
        await joinQueue(tx, callId, effect.agencyId, effect.since ? new Date(effect.since) : now);
        writes.dispatch.push(effect.agencyId);
        break;
      case "queue-left":
        await leaveQueue(tx, callId, effect.outcome, now, effect.agencyId);
        break;
      case "queue-returned":
        await returnToQueue(tx, callId, effect.agencyId);
        writes.staffChanged = (await ringFromQueueMissed(tx, effect.staffId, callId, now)) || writes.staffChanged;
        writes.dispatch.push(effect.agencyId);
        break;
      case "routing":
        // The staff leg ended after an answer: presence.ts starts their after-call work (or frees them
        // at once with none), so the agency's line may move.
        if (effect.decision === "answered" && effect.staffId !== undefined && effect.agencyId !== null) {
          writes.dispatch.push(effect.agencyId);
        }
        break;
      case "callback-request":
        if (effect.inQueue && effect.agencyId !== null) writes.placedAt = await placeOf(tx, callId, effect.agencyId);
        break;
      default:
        break;
    }
  }
  return writes;
}
