// The per-call queue: one call's steps one after another, different calls side by side, and a failed
// step never blocks the next.
import { describe, expect, it } from "vitest";
import { serialisedByKey } from "../../../server/calls/keyed-queue.js";

function deferred() {
  let resolve = () => {};
  let reject = (_: Error) => {};
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("serialisedByKey", () => {
  it("starts a call's next step only after the previous one settled, while another call runs meanwhile", async () => {
    const inOrder = serialisedByKey();
    const started: string[] = [];
    const first = deferred();
    const a1 = inOrder("CA1", async () => {
      started.push("CA1 first");
      await first.promise;
      return "a1";
    });
    const a2 = inOrder("CA1", async () => {
      started.push("CA1 second");
      return "a2";
    });
    const b1 = inOrder("CA2", async () => {
      started.push("CA2 first");
      return "b1";
    });
    await tick();
    expect(started).toEqual(["CA1 first", "CA2 first"]);
    expect(await b1).toBe("b1");

    first.resolve();
    expect(await Promise.all([a1, a2])).toEqual(["a1", "a2"]);
    expect(started).toEqual(["CA1 first", "CA2 first", "CA1 second"]);
  });

  it("runs the next step after a failed one, and hands each caller its own outcome", async () => {
    const inOrder = serialisedByKey();
    const failing = deferred();
    const a1 = inOrder("CA1", () => failing.promise);
    const a2 = inOrder("CA1", async () => "after");
    failing.reject(new Error("database gone"));
    await expect(a1).rejects.toThrow("database gone");
    expect(await a2).toBe("after");
  });
});
