// Retention: the admin API for the periods, and the nightly job deleting recordings (at Twilio,
// through the real SDK against a local stub) and calls past their periods.
import { Queue } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAINTENANCE_QUEUE, queueOptions } from "../../../server/platform/jobs/queues.js";
import { APPLY_RETENTION, scheduleMaintenance } from "../../../server/privacy/retention/maintenance.js";
import { applyRetention } from "../../../server/privacy/retention/purge.js";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createRecording, insertCall } from "../../helpers/calls.js";
import { STUB_ACCOUNT_SID, startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

const DAY = 24 * 3600 * 1000;
const NOW = new Date("2026-06-01T00:00:00Z");
let t: TestApp;
let stub: TwilioRestStub;
let adminCookie: string;
let agentCookie: string;

beforeAll(async () => {
  stub = await startTwilioRestStub();
  t = await startTestApp();
  await seedSmallProvince(t.db);
  adminCookie = await login(t.app, "admin");
  agentCookie = await login(t.app, "quynhon.nv1");
});
afterAll(async () => {
  await t?.close();
  await stub?.close();
});
beforeEach(async () => {
  stub.requests.length = 0;
  stub.handle(undefined);
  await t.db.setting.deleteMany({ where: { key: { startsWith: "retention." } } });
  await t.db.call.deleteMany({});
});

const put = (cookie: string, payload: unknown) =>
  t.app.inject({ method: "PUT", url: "/api/settings/retention", headers: { cookie }, payload: payload as object });

describe("retention settings API", () => {
  it("returns the defaults, saves a change and audits it", async () => {
    const get = await t.app.inject({ method: "GET", url: "/api/settings/retention", headers: { cookie: adminCookie } });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual({ recordingDays: 365, callDays: 730 });

    const saved = await put(adminCookie, { recordingDays: 180, callDays: 400 });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual({ recordingDays: 180, callDays: 400 });
    expect((await t.app.inject({ method: "GET", url: "/api/settings/retention", headers: { cookie: adminCookie } })).json()).toEqual({
      recordingDays: 180,
      callDays: 400,
    });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { resource: "settings", resourceId: "retention", action: "update" } });
    expect(audit.before).toEqual({ recordingDays: 365, callDays: 730 });
    expect(audit.after).toEqual({ recordingDays: 180, callDays: 400 });
  });

  it("names the field of a bad value", async () => {
    const zero = await put(adminCookie, { recordingDays: 0, callDays: 400 });
    expect(zero.statusCode).toBe(400);
    expect(Object.keys(zero.json().errors)).toEqual(["recordingDays"]);
    const text = await put(adminCookie, { recordingDays: 30, callDays: "forever" });
    expect(text.statusCode).toBe(400);
    expect(Object.keys(text.json().errors)).toContain("callDays");
    const missing = await put(adminCookie, { recordingDays: 30 });
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().errors)).toContain("callDays");
    const longer = await put(adminCookie, { recordingDays: 800, callDays: 400 });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().errors).toEqual({ recordingDays: "tthc.validation.retention_longer_than_calls" });
    expect(await t.db.setting.count({ where: { key: { startsWith: "retention." } } })).toBe(0);
  });

  it("is for admins only", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/settings/retention", headers: { cookie: agentCookie } })).statusCode).toBe(403);
    expect((await put(agentCookie, { recordingDays: 30, callDays: 40 })).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/settings/retention" })).statusCode).toBe(401);
  });
});

describe("retention job", () => {
  const call = (ageDays: number) => insertCall(t.db, { startedAt: new Date(NOW.getTime() - ageDays * DAY) });
  const recording = (callId: number, ageDays: number) =>
    createRecording(t.db, callId, { createdAt: new Date(NOW.getTime() - ageDays * DAY) });
  const run = () => applyRetention({ db: t.db, twilio: stub.client(), now: () => NOW });

  it("deletes old recordings at Twilio and here, and old calls with everything about them", async () => {
    const oldCall = await call(800);
    const middleCall = await call(400);
    const newCall = await call(10);
    const veryOld = await recording(oldCall.id, 800);
    const old = await recording(middleCall.id, 400);
    const recent = await recording(newCall.id, 10);
    await t.db.callEvent.create({ data: { callId: oldCall.id, kind: "status", dedupeKey: "status:completed", data: {} } });
    await t.db.surveyAnswer.create({ data: { callId: oldCall.id, question: "satisfaction", value: 1, channel: "ivr" } });
    await t.db.smsMessage.create({
      data: { provider: "sink", recipient: "+84912345678", body: "b", purpose: "survey_link", status: "delivered", callId: oldCall.id },
    });

    expect(await run()).toEqual({ recordingsDeleted: 2, recordingsFailed: 0, callsDeleted: 1 });

    const deletes = stub.requests.filter((r) => r.method === "DELETE").map((r) => r.path);
    expect(deletes.sort()).toEqual(
      [veryOld, old].map((r) => `/2010-04-01/Accounts/${STUB_ACCOUNT_SID}/Recordings/${r.recordingSid}.json`).sort(),
    );
    expect(await t.db.call.findUnique({ where: { id: oldCall.id } })).toBeNull();
    expect(await t.db.callEvent.count({ where: { callId: oldCall.id } })).toBe(0);
    expect(await t.db.surveyAnswer.count({ where: { callId: oldCall.id } })).toBe(0);
    expect(await t.db.smsMessage.count({ where: { purpose: "survey_link", recipient: "+84912345678" } })).toBe(0);
    expect(await t.db.recording.findUnique({ where: { id: veryOld.id } })).toBeNull();
    expect(await t.db.recording.findUniqueOrThrow({ where: { id: old.id } })).toMatchObject({
      mediaUrl: null,
      deletedAt: expect.any(Date),
    });
    expect(await t.db.recording.findUniqueOrThrow({ where: { id: recent.id } })).toMatchObject({
      mediaUrl: recent.mediaUrl,
      deletedAt: null,
    });
    expect(await t.db.auditLog.count({ where: { action: "retention_purge" } })).toBeGreaterThan(0);

    // A second run has nothing left to do.
    stub.requests.length = 0;
    expect(await run()).toEqual({ recordingsDeleted: 0, recordingsFailed: 0, callsDeleted: 0 });
    expect(stub.requests).toHaveLength(0);
  });

  it("follows the configured periods", async () => {
    await t.db.setting.createMany({
      data: [
        { key: "retention.recordingDays", value: 30 },
        { key: "retention.callDays", value: 60 },
      ],
    });
    const c = await call(45);
    const r = await recording(c.id, 45);
    expect(await run()).toMatchObject({ recordingsDeleted: 1, callsDeleted: 0 });
    expect((await t.db.recording.findUniqueOrThrow({ where: { id: r.id } })).deletedAt).not.toBeNull();
  });

  it("keeps a recording (and its call) Twilio would not delete, and counts an already deleted one as done", async () => {
    const c = await call(800);
    const failing = await recording(c.id, 800);
    const gone = await recording((await call(400)).id, 400);
    stub.handle((request) => {
      if (request.path.includes(failing.recordingSid)) return { status: 500, body: { code: 20500, message: "oops", status: 500 } };
      if (request.path.includes(gone.recordingSid)) return { status: 404, body: { code: 20404, message: "not found", status: 404 } };
      return undefined;
    });
    const result = await run();
    expect(result.recordingsDeleted).toBe(1);
    expect(result.recordingsFailed).toBeGreaterThan(0);
    expect(await t.db.call.findUnique({ where: { id: c.id } })).not.toBeNull();
    expect(await t.db.recording.findUniqueOrThrow({ where: { id: failing.id } })).toMatchObject({
      deletedAt: null,
      mediaUrl: failing.mediaUrl,
    });
    expect((await t.db.recording.findUniqueOrThrow({ where: { id: gone.id } })).deletedAt).not.toBeNull();

    stub.handle(undefined);
    expect(await run()).toMatchObject({ callsDeleted: 1, recordingsFailed: 0 });
    expect(await t.db.call.findUnique({ where: { id: c.id } })).toBeNull();
  });

  it("only marks recordings without a Twilio account", async () => {
    const c = await call(400);
    const r = await recording(c.id, 400);
    expect(await applyRetention({ db: t.db, now: () => NOW })).toMatchObject({ recordingsDeleted: 1 });
    expect(stub.requests).toHaveLength(0);
    expect((await t.db.recording.findUniqueOrThrow({ where: { id: r.id } })).mediaUrl).toBeNull();
  });

  it("is scheduled daily in the maintenance queue", async () => {
    const queue = new Queue(MAINTENANCE_QUEUE, queueOptions(t.config));
    try {
      await scheduleMaintenance(queue);
      await scheduleMaintenance(queue);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.filter((s) => s.key === APPLY_RETENTION)).toEqual([
        expect.objectContaining({ key: APPLY_RETENTION, pattern: "0 30 2 * * *", tz: "Asia/Ho_Chi_Minh" }),
      ]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
  });
});
