// A request's states and the moves between them. Pure: the service asks here whether a move is
// allowed and what it changes, then writes it with its audit entry.
//
//   received → acknowledged → in_progress → completed | rejected
//   (a request can be rejected from any open state: identity not proven, not about personal data)
import type { DataSubjectRequestState } from "../../contract/enums.js";

export const OPEN_REQUEST_STATES: readonly DataSubjectRequestState[] = ["received", "acknowledged", "in_progress"];

export type RequestMove =
  | { type: "acknowledge" }
  | { type: "start" }
  | { type: "complete"; outcome: string }
  | { type: "reject"; reason: string }
  | { type: "edit" };

export type RequestMoveResult = { ok: true; to: DataSubjectRequestState } | { ok: false; message: string };

const refuse = (message: string): RequestMoveResult => ({ ok: false, message });

export function isOpenRequest(state: DataSubjectRequestState): boolean {
  return OPEN_REQUEST_STATES.includes(state);
}

export function applyRequestMove(state: DataSubjectRequestState, move: RequestMove): RequestMoveResult {
  switch (move.type) {
    case "acknowledge":
      return state === "received" ? { ok: true, to: "acknowledged" } : refuse(`a request ${state} cannot be acknowledged`);
    case "start":
      // Starting work acknowledges too: the citizen is told either way, and the work must not wait.
      return state === "received" || state === "acknowledged"
        ? { ok: true, to: "in_progress" }
        : refuse(`a request ${state} cannot be started`);
    case "complete":
      if (!move.outcome.trim()) return refuse("completing a request needs its outcome");
      return state === "in_progress" ? { ok: true, to: "completed" } : refuse(`a request ${state} cannot be completed; start it first`);
    case "reject":
      if (!move.reason.trim()) return refuse("rejecting a request needs a reason");
      return isOpenRequest(state) ? { ok: true, to: "rejected" } : refuse(`a request ${state} is already closed`);
    case "edit":
      return isOpenRequest(state) ? { ok: true, to: state } : refuse(`a request ${state} is closed and cannot be changed`);
  }
}

export interface DeadlineStatus {
  /** Not acknowledged and past acknowledgeBy, or open and past completeBy. */
  overdue: boolean;
  /** Not overdue, and a pending deadline falls within `soonDays` days of today. */
  dueSoon: boolean;
}

/** Where a request stands against its deadlines on the Vietnam day `today` ("YYYY-MM-DD"). */
export function deadlineStatus(
  request: { state: DataSubjectRequestState; acknowledgedAt: Date | null; acknowledgeBy: string; completeBy: string },
  today: string,
  soonLimit: string,
): DeadlineStatus {
  if (!isOpenRequest(request.state)) return { overdue: false, dueSoon: false };
  const pending = [request.completeBy, ...(request.acknowledgedAt ? [] : [request.acknowledgeBy])];
  const overdue = pending.some((date) => date < today);
  return { overdue, dueSoon: !overdue && pending.some((date) => date <= soonLimit) };
}
