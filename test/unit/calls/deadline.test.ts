// A voice step's deadline: the time left, and no work started once it has passed.
import { describe, expect, it } from "vitest";
import { deadlineAt, StepBudgetExceeded } from "../../../server/calls/deadline.js";

describe("a deadline", () => {
  it("tells the time left, and refuses to start work once none is", () => {
    expect(deadlineAt(Date.now() + 60_000).remaining()).toBeGreaterThan(0);
    expect(() => deadlineAt(Date.now() - 1).remaining()).toThrow(StepBudgetExceeded);
  });
});
