// A call's status callbacks: the final one closes the record with its durations and termination
// reason. Callbacks can arrive twice or out of order; a status never moves a call backwards and a
// closed call is never reopened.
import type { Call } from "../../generated/prisma/client.js";
import type { CallTermination } from "../../generated/prisma/enums.js";
import type { Db } from "../../platform/db/client.js";
import type { CallLocks } from "./call-lock.js";
import { readStep, type StatusWrite, storedAnswer, writeStatus } from "./call-rows.js";
import { FINAL_CALL_STATUSES, storedState } from "./call-state.js";
import type { Deadline } from "./deadline.js";

const STATUS_RANK: Record<string, number> = { queued: 0, initiated: 0, ringing: 1, "in-progress": 2 };
const rank = (status: string) => (FINAL_CALL_STATUSES.has(status) ? 3 : (STATUS_RANK[status] ?? 0));

const seconds = (from: Date | null, to: Date | null) =>
  from && to ? Math.max(0, Math.round((to.getTime() - from.getTime()) / 1000)) : null;

export interface CallEnd {
  callId: number;
  termination: CallTermination;
  /** Answered by a person, yet the caller left before giving any survey answer. */
  surveyMissed: boolean;
}

type CallRow = Pick<
  Call,
  "id" | "status" | "state" | "termination" | "startedAt" | "ringStartedAt" | "answeredAt" | "bridgeEndedAt" | "endedAt" | "talkSeconds"
>;
interface StatusParams {
  callSid: string;
  status: string;
  data: Record<string, unknown>;
}

/**
 * Usually one or two statements: the call as this process last wrote it (recent-calls.ts) or as read,
 * then the event recorded and the call closed if it is still at that version. When it is not (a copy
 * of the callback or another webhook of the call got there first), again under the call's lock, so
 * concurrent copies record one event and close the call once.
 */
export async function recordCallStatus(
  db: Db,
  locks: CallLocks,
  params: StatusParams,
  now: Date,
  deadline: Deadline,
  remembered?: Call,
): Promise<CallEnd | null> {
  const dedupeKey = `status:${params.status}`;
  const optimistic = async (call: Call) => {
    const write = statusWrite(call, params, dedupeKey, now);
    const written = await writeStatus(db, write, { version: call.version, deadline: new Date(deadline.at) });
    return written ? { end: callEnd(write, written.answers) } : null;
  };
  // A remembered call at a version no later write changed cannot have this status's event yet: the
  // event and the version move together.
  const fast = remembered ? await optimistic(remembered) : null;
  if (fast) return fast.end;
  const seen = await readStep(db, params.callSid, dedupeKey);
  if (!seen || seen.replay) return null;
  const read = await optimistic(seen.call);
  if (read) return read.end;

  const ended = await locks.withCall(params.callSid, deadline, async (tx, call) => {
    if (await storedAnswer(tx, call.id, dedupeKey)) return null;
    const write = statusWrite(call, params, dedupeKey, now);
    const result = await writeStatus(tx, write);
    return result ? callEnd(write, result.answers) : null;
  });
  return ended ?? null;
}

/** What the callback changes: nothing when it does not move the call forward; the durations when it closes it. */
function statusWrite(call: CallRow, params: StatusParams, dedupeKey: string, now: Date): StatusWrite {
  const write: StatusWrite = { callId: call.id, dedupeKey, data: params.data, at: now, columns: {} };
  if (call.endedAt || rank(params.status) <= rank(call.status)) return write;
  if (!FINAL_CALL_STATUSES.has(params.status)) return { ...write, columns: { status: params.status } };

  const waiting = storedState(call.state).ivr?.waiting;
  const termination: CallTermination =
    call.termination ??
    (call.answeredAt ? "answered" : params.status === "failed" ? "failed" : waiting === "dial" ? "abandoned_ringing" : "hung_up_in_ivr");
  const endedAt = now;
  return {
    ...write,
    columns: {
      status: params.status,
      endedAt,
      termination,
      ivrSeconds: seconds(call.startedAt, call.ringStartedAt ?? endedAt),
      ringSeconds: call.ringStartedAt ? seconds(call.ringStartedAt, call.answeredAt ?? call.bridgeEndedAt ?? endedAt) : null,
      talkSeconds: call.talkSeconds ?? (call.answeredAt ? seconds(call.answeredAt, call.bridgeEndedAt ?? endedAt) : null),
    },
  };
}

function callEnd(write: StatusWrite, answers: number): CallEnd | null {
  const { termination } = write.columns;
  if (!write.columns.endedAt || !termination) return null;
  return { callId: write.callId, termination, surveyMissed: termination === "answered" && answers === 0 };
}
