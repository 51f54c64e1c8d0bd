// A case's states and the moves between them (docs/cases.md "States"). Pure: the service asks here
// whether a move is allowed and what state it leads to, then writes it with its case_events row.
//
//   new → in_progress ⇄ waiting_citizen → answered → closed
//   answered | closed → reopened (worked like in_progress, with a new deadline)
import type { CaseState } from "../../contract/enums.js";
import type { Prisma } from "../../generated/prisma/client.js";

/** States in which a case is still being worked: it can be overdue, escalate, be passed on. */
export const OPEN_STATES: readonly CaseState[] = ["new", "in_progress", "waiting_citizen", "reopened"];

export function isOpen(state: CaseState): boolean {
  return OPEN_STATES.includes(state);
}

/** Past its deadline and still open. */
export function isOverdue(state: CaseState, dueAt: Date, now: Date): boolean {
  return isOpen(state) && dueAt.getTime() <= now.getTime();
}

/** isOverdue as a where-clause: the cases list's `overdue` filter and the desk's escalated cases. */
export function overdueWhere(now: Date): Prisma.CaseWhereInput {
  return { state: { in: [...OPEN_STATES] }, dueAt: { lte: now } };
}

export type CaseMove =
  /** Working it, or waiting for the citizen (PUT state). */
  | { type: "work" }
  | { type: "wait" }
  | { type: "answer" }
  /** Closing an unanswered case (a duplicate, the citizen withdrew) needs a reason. */
  | { type: "close"; reason?: string | null }
  | { type: "reopen" }
  /** Passing it to another agency, assigning it, editing its details, linking a call. */
  | { type: "transfer" }
  | { type: "assign" }
  | { type: "edit" }
  | { type: "link_call" };

export type MoveResult = { ok: true; to: CaseState } | { ok: false; message: string };

const refuse = (message: string): MoveResult => ({ ok: false, message });

/** Where `move` takes a case in `state`, or why it cannot be made. */
export function applyMove(state: CaseState, move: CaseMove): MoveResult {
  switch (move.type) {
    case "work":
      return isOpen(state) ? { ok: true, to: "in_progress" } : refuse(`a case ${state} cannot be worked; reopen it first`);
    case "wait":
      return isOpen(state) ? { ok: true, to: "waiting_citizen" } : refuse(`a case ${state} cannot wait for the citizen; reopen it first`);
    case "answer":
      return isOpen(state) ? { ok: true, to: "answered" } : refuse(`a case ${state} cannot be answered; reopen it first`);
    case "close":
      if (state === "answered") return { ok: true, to: "closed" };
      if (state === "closed") return refuse("the case is already closed");
      return move.reason?.trim() ? { ok: true, to: "closed" } : refuse("closing a case that was not answered needs a reason");
    case "reopen":
      return state === "answered" || state === "closed" ? { ok: true, to: "reopened" } : refuse(`a case ${state} is still open`);
    case "transfer":
      return isOpen(state) ? { ok: true, to: state } : refuse(`a case ${state} cannot be passed on; reopen it first`);
    case "assign":
    case "edit":
      return state === "closed" ? refuse("a closed case cannot be changed; reopen it first") : { ok: true, to: state };
    case "link_call":
      return { ok: true, to: state };
  }
}
