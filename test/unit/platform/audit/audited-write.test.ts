import { describe, expect, it } from "vitest";
import { auditedWrite } from "../../../../server/platform/audit/audited-write.js";
import type { Db } from "../../../../server/platform/db/client.js";

/** A database whose transaction records what was written and keeps it only when the work succeeds. */
function fakeDb() {
  const committed: unknown[] = [];
  const options: unknown[] = [];
  const db = {
    async $transaction(work: (tx: unknown) => Promise<unknown>, transactionOptions?: unknown) {
      options.push(transactionOptions);
      const pending: unknown[] = [];
      const tx = { auditLog: { create: async ({ data }: { data: unknown }) => pending.push(data) } };
      const result = await work(tx);
      committed.push(...pending);
      return result;
    },
  };
  return { db: db as unknown as Db, committed, options };
}

describe("auditedWrite", () => {
  it("writes the change's entry in its transaction and returns what the write returned", async () => {
    const { db, committed } = fakeDb();
    const result = await auditedWrite(db, {
      actorId: 7,
      ip: "203.0.113.9",
      resource: "agencies",
      action: "update",
      write: async () => ({ id: 3, name: "Sở Tư pháp" }),
      audit: (row) => ({ resourceId: row.id, before: { name: "cũ" }, after: row }),
    });
    expect(result).toEqual({ id: 3, name: "Sở Tư pháp" });
    expect(committed).toEqual([
      {
        actorId: 7,
        action: "update",
        resource: "agencies",
        resourceId: "3",
        before: { name: "cũ" },
        after: { id: 3, name: "Sở Tư pháp" },
        ip: "203.0.113.9",
      },
    ]);
  });

  it("writes no entry when the audit says nothing changed", async () => {
    const { db, committed } = fakeDb();
    const count = await auditedWrite(db, {
      actorId: null,
      resource: "campaigns",
      action: "complete",
      write: async () => 0,
      audit: (n) => (n > 0 ? { resourceId: 1 } : null),
    });
    expect(count).toBe(0);
    expect(committed).toEqual([]);
  });

  it("drops caches only once the change is committed, never after a failure", async () => {
    const { db } = fakeDb();
    const dropped: string[] = [];
    await auditedWrite(db, {
      actorId: 1,
      resource: "users",
      action: "update",
      write: async () => dropped.length,
      audit: () => ({ resourceId: 1 }),
      afterCommit: () => dropped.push("routing"),
    });
    expect(dropped).toEqual(["routing"]);
    const failing = auditedWrite(db, {
      actorId: 1,
      resource: "users",
      action: "update",
      write: async () => {
        throw new Error("conflict");
      },
      audit: () => ({ resourceId: 1 }),
      afterCommit: () => dropped.push("again"),
    });
    await expect(failing).rejects.toThrow("conflict");
    expect(dropped).toEqual(["routing"]);
  });

  it("passes longer transaction limits through", async () => {
    const { db, options } = fakeDb();
    await auditedWrite(db, {
      actorId: null,
      resource: "campaigns",
      action: "launch",
      write: async () => 1,
      audit: () => null,
      transaction: { timeout: 60_000, maxWait: 30_000 },
    });
    expect(options).toEqual([{ timeout: 60_000, maxWait: 30_000 }]);
  });
});
