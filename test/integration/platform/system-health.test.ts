// GET /api/system/health: the administrator's view of the platform (readiness, queue backlog, failed
// jobs), refused to everyone else. Campaign staff, for their part, no longer reach the phone line.
import { Queue, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SURVEYS_QUEUE } from "../../../server/platform/jobs/queues.js";
import { createUser, loginAll, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let cookies: Record<"admin" | "supervisor" | "agent" | "viewer" | "manager" | "approver", string>;

beforeAll(async () => {
  t = await startTestApp();
  const { agencies, users } = await seedSmallProvince(t.db);
  const manager = await createUser(t.db, { username: "chiendich.quanly", roles: ["campaign_manager"], agencyId: agencies.province.id });
  const approver = await createUser(t.db, { username: "chiendich.duyet", roles: ["campaign_approver"], agencyId: agencies.province.id });
  cookies = await loginAll(t.app, { ...users, manager, approver });
}, 60_000);

afterAll(() => t?.close());

const get = (url: string, cookie?: string) => t.app.inject({ url, headers: cookie ? { cookie } : {} });

describe("GET /api/system/health", () => {
  it("asks for a session, then for an administrator", async () => {
    expect((await get("/api/system/health")).statusCode).toBe(401);
    for (const role of ["supervisor", "agent", "viewer", "manager", "approver"] as const) {
      expect((await get("/api/system/health", cookies[role])).statusCode, role).toBe(403);
    }
  });

  it("shows an administrator the readiness of PostgreSQL and Redis, and each queue's backlog and failed jobs", async () => {
    // One survey job failed for good (taken by hand, as BullMQ's manual processing does), then one
    // waiting and one delayed: no worker runs in this test.
    const options = { connection: { url: t.config.REDIS_URL, maxRetriesPerRequest: null }, prefix: t.config.REDIS_PREFIX };
    const surveys = new Queue(SURVEYS_QUEUE, options);
    const worker = new Worker(SURVEYS_QUEUE, null, options);
    try {
      await surveys.add("survey-sms", { callId: 3 }, { attempts: 1 });
      const failing = await worker.getNextJob("manual");
      await failing?.moveToFailed(new Error("provider refused"), "manual", false);
      await surveys.add("survey-sms", { callId: 1 });
      await surveys.add("survey-sms", { callId: 2 }, { delay: 60_000 });
    } finally {
      await worker.close();
      await surveys.close();
    }
    const response = await get("/api/system/health", cookies.admin);
    expect(response.statusCode).toBe(200);
    const health = response.json();
    expect(health).toMatchObject({ status: "ok", checks: { postgres: { ok: true }, redis: { ok: true } } });
    expect(health.queues.map((q: { name: string }) => q.name)).toEqual([
      "surveys",
      "campaigns",
      "campaign-send",
      "sink-receipts",
      "maintenance",
    ]);
    expect(health.queues.find((q: { name: string }) => q.name === "surveys")).toEqual({
      name: "surveys",
      backlog: 2,
      active: 0,
      failed: 1,
    });
  });
});

describe("campaign staff and the phone line", () => {
  it("refuses them the call log, recordings, reports, IVR versions and hours overrides, and leaves them the agencies", async () => {
    for (const role of ["manager", "approver"] as const) {
      for (const url of [
        "/api/calls",
        "/api/calls/1",
        "/api/recordings/1/audio",
        "/api/reports/today",
        "/api/ivr-flow-versions",
        "/api/hours-overrides",
      ]) {
        expect((await get(url, cookies[role])).statusCode, `${role} ${url}`).toBe(403);
      }
      expect((await get("/api/agencies", cookies[role])).statusCode, `${role} agencies`).toBe(200);
    }
    expect((await get("/api/calls", cookies.viewer)).statusCode).toBe(200);
  });
});
