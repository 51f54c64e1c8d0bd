// Steps of one call run one after another; steps of different calls never wait on each other.
//
// Within a process, inOrder queues the whole handling of a webhook behind the call's earlier ones, so
// a burst of Twilio retries costs one step and then cheap replays of its stored answer, instead of
// twenty transactions parked on the same row lock, each holding a pool connection other calls need.
// Across processes the call's row lock (SELECT … FOR UPDATE in withCall) keeps the same order.
// The transaction only ever uses its own connection: whatever else a step needs (the flow version,
// the routing snapshot) is read before it starts. It is bounded by the step's deadline (waiting for a
// connection, lock waits, statements, the whole transaction), so it commits in time or rolls back.
import type { Call, Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { lockCall } from "./call-rows.js";
import type { Deadline } from "./deadline.js";
import { serialisedByKey } from "./keyed-queue.js";

export type CallWork<T> = (tx: Prisma.TransactionClient, call: Call) => Promise<T>;

export interface CallLocks {
  /** Runs `task` once this process's earlier tasks for the same call have settled. */
  inOrder<T>(callSid: string, task: () => Promise<T>): Promise<T>;
  /** Runs `work` holding the call's row lock, within the deadline; null when no call has this CallSid. */
  withCall<T>(callSid: string, deadline: Deadline, work: CallWork<T>): Promise<T | null>;
}

export function callLocks(db: Db): CallLocks {
  return {
    inOrder: serialisedByKey(),
    withCall(callSid, deadline, work) {
      const budget = deadline.remaining();
      return db.$transaction(
        async (tx) => {
          // PostgreSQL itself stops a lock wait or statement past the deadline (set in the locking statement).
          const call = await lockCall(tx, callSid, deadline.remaining());
          return call ? work(tx, call) : null;
        },
        { maxWait: budget, timeout: budget },
      );
    },
  };
}
