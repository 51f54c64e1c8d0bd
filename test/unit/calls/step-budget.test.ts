// The voice step's safety net: whatever goes wrong, the route gets TwiML to answer with.
import { describe, expect, it } from "vitest";
import { answerBy, deadlineAt, StepBudgetExceeded } from "../../../server/calls/step-budget.js";

const SAFE = "<Response><Hangup/></Response>";

function recordingLog() {
  const lines: { obj: object; msg: string }[] = [];
  return { lines, error: (obj: object, msg: string) => lines.push({ obj, msg }) };
}

describe("answerBy", () => {
  it("passes the work's answer through", async () => {
    const log = recordingLog();
    expect(
      await answerBy(
        deadlineAt(Date.now() + 60_000),
        log,
        async () => "<Response/>",
        () => SAFE,
      ),
    ).toBe("<Response/>");
    expect(log.lines).toEqual([]);
  });

  it("answers the fallback, and logs why, when the work fails", async () => {
    const log = recordingLog();
    const answer = await answerBy(
      deadlineAt(Date.now() + 60_000),
      log,
      async () => {
        throw new Error("P2028 Unable to start a transaction in the given time");
      },
      () => SAFE,
    );
    expect(answer).toBe(SAFE);
    expect(log.lines).toMatchObject([{ obj: { err: { message: "P2028 Unable to start a transaction in the given time" } } }]);
  });

  it("answers the fallback when the deadline comes before the work", async () => {
    const log = recordingLog();
    const never = new Promise<string>(() => {});
    expect(
      await answerBy(
        deadlineAt(Date.now() - 1),
        log,
        () => never,
        () => SAFE,
      ),
    ).toBe(SAFE);
    expect(log.lines).toMatchObject([{ obj: { budgetExceeded: true } }]);
  });
});

describe("a deadline", () => {
  it("tells the time left, and refuses to start work once none is", () => {
    expect(deadlineAt(Date.now() + 60_000).remaining()).toBeGreaterThan(0);
    expect(() => deadlineAt(Date.now() - 1).remaining()).toThrow(StepBudgetExceeded);
  });
});
