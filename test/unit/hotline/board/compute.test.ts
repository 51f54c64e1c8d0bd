import { describe, expect, it } from "vitest";
import { type BoardRows, computeBoard, type TodayCallRow } from "../../../../server/hotline/board/compute.js";

const now = new Date("2026-03-02T03:00:00Z");
const ago = (seconds: number) => new Date(now.getTime() - seconds * 1000);

const call = (fields: Partial<TodayCallRow>): TodayCallRow => ({
  offered: true,
  answered: false,
  ended: true,
  waitSeconds: null,
  queueOutcome: null,
  ...fields,
});

const rows = (fields: Partial<BoardRows> = {}): BoardRows => ({
  agencyId: 2,
  agencyName: "Sở Tư pháp",
  waiting: [],
  staff: [],
  calls: [],
  callbacksDue: 0,
  ...fields,
});

describe("the live board's figures", () => {
  it("lists waiting callers longest first, marking those being connected", () => {
    const board = computeBoard(
      rows({
        waiting: [
          { entryId: 7, agencyId: 2, agencyName: "A", enqueuedAt: ago(30), staffId: null },
          { entryId: 5, agencyId: 3, agencyName: "B", enqueuedAt: ago(95), staffId: 11 },
          { entryId: 6, agencyId: 2, agencyName: "A", enqueuedAt: ago(95), staffId: null },
        ],
      }),
      now,
      20,
    );
    expect(board.waiting.map((caller) => [caller.entryId, caller.connecting])).toEqual([
      [5, true],
      [6, false],
      [7, false],
    ]);
  });

  it("counts staff by state, lists those not offline by state then time in it, and keeps the reason only for away", () => {
    const member = (
      id: number,
      state: "available" | "on_call" | "wrap_up" | "away" | "offline",
      seconds: number,
      awayReason: string | null = null,
    ) => ({
      id,
      name: `Cán bộ ${id}`,
      agencyName: "A",
      state,
      since: ago(seconds),
      awayReason,
    });
    const board = computeBoard(
      rows({
        staff: [
          member(1, "away", 100, "Họp"),
          member(2, "available", 10),
          member(3, "available", 300),
          member(4, "offline", 5000),
          member(5, "on_call", 60, "missed_rings"),
        ],
      }),
      now,
      20,
    );
    expect(board.staffCounts).toEqual({ available: 2, on_call: 1, wrap_up: 0, away: 1, offline: 1 });
    expect(board.staff.map((m) => m.id)).toEqual([3, 2, 5, 1]);
    expect(board.staff.find((m) => m.id === 5)?.awayReason).toBeNull();
    expect(board.staff.find((m) => m.id === 1)?.awayReason).toBe("Họp");
  });

  it("computes the day: answer rate over all calls, service level over settled offered calls, mean wait of answered ones", () => {
    const board = computeBoard(
      rows({
        calls: [
          call({ answered: true, waitSeconds: 5 }),
          call({ answered: true, waitSeconds: 20 }), // exactly the threshold counts as within
          call({ answered: true, waitSeconds: 65 }),
          call({ queueOutcome: "abandoned", waitSeconds: 40 }),
          call({ offered: false }), // hung up in the IVR: a call of the day, not offered
          call({ ended: false, waitSeconds: 3 }), // still waiting: not settled yet
        ],
        callbacksDue: 4,
      }),
      now,
      20,
    );
    expect(board.today).toEqual({
      calls: 6,
      answered: 3,
      abandoned: 1,
      answerRate: 3 / 6,
      serviceLevel: 2 / 4,
      averageWaitSeconds: (5 + 20 + 65) / 3,
    });
    expect(board.callbacksDue).toBe(4);
    // The threshold is the configured one.
    expect(computeBoard(rows({ calls: [call({ answered: true, waitSeconds: 65 })] }), now, 90).today.serviceLevel).toBe(1);
  });

  it("has no rates on a day without calls", () => {
    expect(computeBoard(rows(), now, 20).today).toEqual({
      calls: 0,
      answered: 0,
      abandoned: 0,
      answerRate: null,
      serviceLevel: null,
      averageWaitSeconds: null,
    });
  });
});
