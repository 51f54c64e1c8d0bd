import { describe, expect, it } from "vitest";
import type { CaseState } from "../../../../server/contract/enums.js";
import { applyMove, type CaseMove, isOpen, isOverdue, OPEN_STATES } from "../../../../server/hotline/cases/lifecycle.js";

const ALL: CaseState[] = ["new", "in_progress", "waiting_citizen", "answered", "closed", "reopened"];
const to = (state: CaseState, move: CaseMove) => {
  const result = applyMove(state, move);
  return result.ok ? result.to : null;
};

describe("case lifecycle", () => {
  it("works a case: new → in_progress ⇄ waiting_citizen → answered → closed", () => {
    expect(to("new", { type: "work" })).toBe("in_progress");
    expect(to("in_progress", { type: "wait" })).toBe("waiting_citizen");
    expect(to("waiting_citizen", { type: "work" })).toBe("in_progress");
    expect(to("in_progress", { type: "answer" })).toBe("answered");
    expect(to("answered", { type: "close" })).toBe("closed");
  });

  it("reopens answered and closed cases only; a reopened one is worked again", () => {
    expect(to("answered", { type: "reopen" })).toBe("reopened");
    expect(to("closed", { type: "reopen" })).toBe("reopened");
    for (const state of OPEN_STATES) expect(to(state, { type: "reopen" })).toBeNull();
    expect(to("reopened", { type: "wait" })).toBe("waiting_citizen");
    expect(to("reopened", { type: "answer" })).toBe("answered");
    expect(to("reopened", { type: "transfer" })).toBe("reopened");
  });

  it("answers, transfers and moves only open cases", () => {
    for (const state of ["answered", "closed"] as const) {
      for (const type of ["work", "wait", "answer", "transfer"] as const) {
        const result = applyMove(state, { type });
        expect(result.ok).toBe(false);
        if (!result.ok) expect(result.message).toMatch(/reopen/);
      }
    }
  });

  it("closes an unanswered case only with a reason, and never twice", () => {
    expect(to("in_progress", { type: "close" })).toBeNull();
    expect(to("in_progress", { type: "close", reason: "  " })).toBeNull();
    expect(to("in_progress", { type: "close", reason: "trùng phiếu GL-2026-000001" })).toBe("closed");
    expect(to("closed", { type: "close", reason: "again" })).toBeNull();
  });

  it("keeps the state on assign, edit and call links; a closed case is not edited", () => {
    for (const state of ALL) {
      expect(to(state, { type: "link_call" })).toBe(state);
      expect(to(state, { type: "assign" })).toBe(state === "closed" ? null : state);
      expect(to(state, { type: "edit" })).toBe(state === "closed" ? null : state);
    }
  });

  it("is overdue from dueAt while open", () => {
    const dueAt = new Date("2026-05-08T17:00:00Z");
    expect(isOverdue("in_progress", dueAt, new Date("2026-05-08T16:59:59Z"))).toBe(false);
    expect(isOverdue("in_progress", dueAt, dueAt)).toBe(true);
    expect(isOverdue("answered", dueAt, new Date("2026-06-01T00:00:00Z"))).toBe(false);
    expect(ALL.filter(isOpen)).toEqual(["new", "in_progress", "waiting_citizen", "reopened"]);
  });
});
