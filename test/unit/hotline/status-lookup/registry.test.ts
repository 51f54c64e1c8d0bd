import pino from "pino";
import { describe, expect, it } from "vitest";
import { STATUS_LOOKUP_NAMES, type StatusLookupAdapter } from "../../../../server/hotline/status-lookup/adapter.js";
import { lookupWithin, statusLookups } from "../../../../server/hotline/status-lookup/registry.js";
import type { Db } from "../../../../server/platform/db/client.js";

const log = pino({ level: "silent" });
const now = new Date("2026-12-01T03:00:00Z");

describe("a look-up within a voice step", () => {
  const adapter = (lookup: StatusLookupAdapter["lookup"]) => new Map([["case_status" as const, { name: "case_status" as const, lookup }]]);
  const found = { reference: "GL-2026-000001", stateLabel: "đang được xử lý", expectedDate: null, agencyCode: null };

  it("passes the adapter's answer on", async () => {
    expect(
      await lookupWithin(
        adapter(async () => found),
        "case_status",
        "1",
        now,
        500,
        log,
      ),
    ).toEqual(found);
  });

  it("counts a source too slow or failing as not found, so the caller is asked again and then handed to a person", async () => {
    const slow = adapter(() => new Promise((resolve) => setTimeout(() => resolve(found), 1_000)));
    const started = Date.now();
    expect(await lookupWithin(slow, "case_status", "1", now, 50, log)).toBeNull();
    expect(Date.now() - started).toBeLessThan(500);
    expect(
      await lookupWithin(
        adapter(() => Promise.reject(new Error("down"))),
        "case_status",
        "1",
        now,
        500,
        log,
      ),
    ).toBeNull();
    expect(await lookupWithin(new Map(), "case_status", "1", now, 500, log)).toBeNull();
  });
});

describe("the adapters' names", () => {
  it("are the ones a flow file may name, and each has an adapter", async () => {
    const schema = (await import("../../../../ivr-flows/flow.schema.json", { with: { type: "json" } })).default;
    expect(schema.$defs.lookup.properties.lookup.enum).toEqual([...STATUS_LOOKUP_NAMES]);
    expect([...statusLookups({} as Db).keys()]).toEqual([...STATUS_LOOKUP_NAMES]);
  });
});
