// Admission control of the voice steps: at most `limit` at once, in arrival order while the queue
// drains quickly, newest first and calls in progress before new calls once it is standing, and a step
// still waiting when it could no longer finish in time answered without ever starting.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { admission } from "../../../../../server/hotline/voice/degraded/admission.js";

describe("voice step admission", () => {
  beforeEach(() => vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "performance"] }));
  afterEach(() => vi.useRealTimers());

  it("runs up to the limit at once and admits the waiting ones in arrival order while the queue drains quickly", async () => {
    const steps = admission(2);
    const first = await steps.enter(1500);
    const second = await steps.enter(1500);
    expect(first).toBeTypeOf("function");
    expect(second).toBeTypeOf("function");
    expect(steps.load()).toEqual({ running: 2, waiting: 0 });

    const order: string[] = [];
    const third = steps.enter(1500).then((release) => order.push(release ? "third" : "third refused"));
    const fourth = steps.enter(1500).then((release) => order.push(release ? "fourth" : "fourth refused"));
    expect(steps.load()).toEqual({ running: 2, waiting: 2 });
    second?.();
    second?.(); // releasing twice frees one slot only
    await third;
    expect(order).toEqual(["third"]);
    expect(steps.load()).toEqual({ running: 2, waiting: 1 });
    first?.();
    await fourth;
    expect(order).toEqual(["third", "fourth"]);
  });

  it("admits a new call in its turn while the queue drains quickly, even with calls in progress waiting behind it", async () => {
    const steps = admission(1);
    const running = await steps.enter(1500);
    const order: string[] = [];
    const newCall = steps.enter(1500, "new-call").then(() => order.push("new call"));
    void steps.enter(1500, "call").then(() => order.push("call in progress"));
    running?.();
    await newCall;
    expect(order).toEqual(["new call"]);
    expect(steps.load()).toEqual({ running: 1, waiting: 1 });
  });

  it("does not count a new call that waited long as a standing queue while calls in progress are served in time", async () => {
    const steps = admission(1);
    const running = await steps.enter(1500);
    const order: string[] = [];
    const newCall = steps.enter(1500, "new-call").then(() => order.push("new call"));
    await vi.advanceTimersByTimeAsync(600);
    void steps.enter(1500, "call").then(() => order.push("call in progress"));
    running?.();
    await newCall;
    expect(order).toEqual(["new call"]);
  });

  it("lets the newest call in progress go before new calls once the queue is standing", async () => {
    const steps = admission(1);
    const running = await steps.enter(1500);
    const order: string[] = [];
    void steps.enter(1500, "call").then(() => order.push("older call in progress"));
    await vi.advanceTimersByTimeAsync(600);
    void steps.enter(1500, "call").then(() => order.push("newer call in progress"));
    void steps.enter(1500, "new-call").then(() => order.push("new call"));
    running?.();
    await vi.waitFor(() => expect(order).toEqual(["newer call in progress"]));
    expect(steps.load()).toEqual({ running: 1, waiting: 2 });
  });

  it("serves the newest first once the oldest has waited a third of its budget", async () => {
    const steps = admission(1);
    const running = await steps.enter(1500);
    const order: string[] = [];
    void steps.enter(1500).then((release) => order.push(release ? "older" : "older refused"));
    await vi.advanceTimersByTimeAsync(600);
    const newer = steps.enter(1500).then((release) => order.push(release ? "newer" : "newer refused"));
    running?.();
    await newer;
    expect(order).toEqual(["newer"]);
  });

  it("turns a step away at once when its budget is already spent and every slot is taken", async () => {
    const steps = admission(1);
    await steps.enter(1500);
    await expect(steps.enter(0)).resolves.toBeNull();
    expect(steps.load()).toEqual({ running: 1, waiting: 0 });
  });

  it("gives up on a waiting step once it could no longer finish in time, and never starts it", async () => {
    const steps = admission(1);
    const running = await steps.enter(1500);
    const waiting = steps.enter(200);
    expect(steps.load().waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(200);
    await expect(waiting).resolves.toBeNull();
    expect(steps.load()).toEqual({ running: 1, waiting: 0 });
    running?.();
    expect(steps.load()).toEqual({ running: 0, waiting: 0 });
  });
});
