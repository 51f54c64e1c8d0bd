// A call's status callbacks: the final one closes the record with its durations and termination
// reason. Callbacks can arrive twice or out of order; a status never moves a call backwards and a
// closed call is never reopened.
import type { Prisma } from "../generated/prisma/client.js";
import type { CallTermination } from "../generated/prisma/enums.js";
import type { CallLocks } from "./call-lock.js";
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

/** Under the call's lock, so concurrent copies of a callback record one event and close the call once. */
export async function recordCallStatus(
  locks: CallLocks,
  params: { callSid: string; status: string; data: Record<string, unknown> },
  now: Date,
  deadline: Deadline,
): Promise<CallEnd | null> {
  const ended = await locks.withCall(params.callSid, deadline, async (tx, call) => {
    const dedupeKey = `status:${params.status}`;
    if (await tx.callEvent.findUnique({ where: { callId_dedupeKey: { callId: call.id, dedupeKey } } })) return null;
    await tx.callEvent.create({
      data: { callId: call.id, kind: "status", dedupeKey, data: params.data as Prisma.InputJsonValue, at: now },
    });
    if (call.endedAt || rank(params.status) <= rank(call.status)) return null;
    if (!FINAL_CALL_STATUSES.has(params.status)) {
      await tx.call.update({ where: { id: call.id }, data: { status: params.status } });
      return null;
    }

    const waiting = storedState(call.state).ivr?.waiting;
    const termination: CallTermination =
      call.termination ??
      (call.answeredAt ? "answered" : params.status === "failed" ? "failed" : waiting === "dial" ? "abandoned_ringing" : "hung_up_in_ivr");
    const endedAt = now;
    await tx.call.update({
      where: { id: call.id },
      data: {
        status: params.status,
        endedAt,
        termination,
        ivrSeconds: seconds(call.startedAt, call.ringStartedAt ?? endedAt),
        ringSeconds: call.ringStartedAt ? seconds(call.ringStartedAt, call.answeredAt ?? call.bridgeEndedAt ?? endedAt) : null,
        talkSeconds: call.talkSeconds ?? (call.answeredAt ? seconds(call.answeredAt, call.bridgeEndedAt ?? endedAt) : null),
      },
    });
    const answers = await tx.surveyAnswer.count({ where: { callId: call.id } });
    return { callId: call.id, termination, surveyMissed: termination === "answered" && answers === 0 };
  });
  return ended ?? null;
}
