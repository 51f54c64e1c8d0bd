// The live board from plain rows: no I/O, so every figure is tested on its own
// (test/unit/hotline/board/compute.test.ts). board.ts reads the rows, the stream pushes the result.

import { PRESENCE_STATES, type PresenceState, type QueueOutcome } from "../../contract/enums.js";
import type { BoardValue } from "../../contract/hotline/board.js";

export interface WaitingRow {
  entryId: number;
  agencyId: number;
  agencyName: string;
  enqueuedAt: Date;
  staffId: number | null;
}

export interface StaffRow {
  id: number;
  name: string;
  agencyName: string;
  state: PresenceState;
  since: Date;
  awayReason: string | null;
}

/** One call started today, reduced to what the day's figures need. */
export interface TodayCallRow {
  /** It reached an agency (it was offered to staff). */
  offered: boolean;
  answered: boolean;
  ended: boolean;
  /** Queue plus ringing, in seconds (see waitSql in wait.ts); null when unknown. */
  waitSeconds: number | null;
  queueOutcome: QueueOutcome | null;
}

export interface BoardRows {
  agencyId: number | null;
  agencyName: string | null;
  waiting: WaitingRow[];
  staff: StaffRow[];
  calls: TodayCallRow[];
  callbacksDue: number;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

/** Whether a call counts as answered within the service level. */
export function withinServiceLevel(call: TodayCallRow, seconds: number): boolean {
  return call.answered && call.waitSeconds !== null && call.waitSeconds <= seconds;
}

export function computeBoard(rows: BoardRows, now: Date, serviceLevelSeconds: number): BoardValue {
  const waiting = [...rows.waiting]
    .sort((a, b) => a.enqueuedAt.getTime() - b.enqueuedAt.getTime() || a.entryId - b.entryId)
    .map((row) => ({
      entryId: row.entryId,
      agencyId: row.agencyId,
      agencyName: row.agencyName,
      enqueuedAt: row.enqueuedAt,
      connecting: row.staffId !== null,
    }));

  const staffCounts: Record<string, number> = Object.fromEntries(PRESENCE_STATES.map((state) => [state, 0]));
  for (const member of rows.staff) staffCounts[member.state] = (staffCounts[member.state] ?? 0) + 1;
  const order = (state: PresenceState) => PRESENCE_STATES.indexOf(state);
  const staff = rows.staff
    .filter((member) => member.state !== "offline")
    .sort((a, b) => order(a.state) - order(b.state) || a.since.getTime() - b.since.getTime() || a.name.localeCompare(b.name, "vi"))
    .map((member) => ({ ...member, awayReason: member.state === "away" ? member.awayReason : null }));

  const answered = rows.calls.filter((call) => call.answered);
  const settled = rows.calls.filter((call) => call.offered && (call.answered || call.ended));
  const waits = answered.map((call) => call.waitSeconds).filter((wait): wait is number => wait !== null);
  return {
    now,
    agencyId: rows.agencyId,
    agencyName: rows.agencyName,
    serviceLevelSeconds,
    waiting,
    staffCounts,
    staff,
    today: {
      calls: rows.calls.length,
      answered: answered.length,
      abandoned: rows.calls.filter((call) => call.queueOutcome === "abandoned").length,
      answerRate: ratio(answered.length, rows.calls.length),
      serviceLevel: ratio(settled.filter((call) => withinServiceLevel(call, serviceLevelSeconds)).length, settled.length),
      averageWaitSeconds: waits.length === 0 ? null : waits.reduce((sum, wait) => sum + wait, 0) / waits.length,
    },
    callbacksDue: rows.callbacksDue,
  };
}
