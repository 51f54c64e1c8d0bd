// Retention: the admin API for every kind's period and its dry run, and the nightly job deleting
// recordings (at Twilio, through the real SDK against a local stub), calls and every other kind past
// their periods.
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MAINTENANCE_QUEUE, queueOptions } from "../../../server/platform/jobs/queues.js";
import { APPLY_RETENTION, scheduleMaintenance } from "../../../server/privacy/retention/maintenance.js";
import { applyRetention, previewRetention } from "../../../server/privacy/retention/purge.js";
import { RETENTION_DEFAULTS } from "../../../server/privacy/retention/settings.js";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createRecording, insertCall } from "../../helpers/calls.js";
import { STUB_ACCOUNT_SID, startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

const DAY = 24 * 3600 * 1000;
const NOW = new Date("2026-06-01T00:00:00Z");
let t: TestApp;
let stub: TwilioRestStub;
let adminCookie: string;
let agentCookie: string;
let province: Awaited<ReturnType<typeof seedSmallProvince>>;

beforeAll(async () => {
  stub = await startTwilioRestStub();
  t = await startTestApp();
  province = await seedSmallProvince(t.db);
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
  await t.db.callbackRequest.deleteMany({});
  await t.db.smsMessage.deleteMany({});
  await t.db.campaign.deleteMany({});
  await t.db.dataSubjectRequest.deleteMany({});
  await t.db.contact.deleteMany({});
  await t.db.auditLog.deleteMany({ where: { createdAt: { lt: new Date(NOW.getTime() - 365 * DAY) } } });
});

const DEFAULTS = {
  recordingDays: 365,
  voicemailDays: 365,
  noteDays: 730,
  surveyAnswerDays: 730,
  callbackRequestDays: 365,
  smsMessageDays: 365,
  campaignRecipientDays: 365,
  contactWithoutConsentDays: 90,
  callDays: 730,
  auditEntryDays: 1825,
  exportDays: 7,
};

const put = (cookie: string, payload: unknown) =>
  t.app.inject({ method: "PUT", url: "/api/settings/retention", headers: { cookie }, payload: payload as object });

describe("retention settings API", () => {
  it("returns the defaults, saves a change and audits it", async () => {
    const get = await t.app.inject({ method: "GET", url: "/api/settings/retention", headers: { cookie: adminCookie } });
    expect(get.statusCode).toBe(200);
    expect(get.json()).toEqual(DEFAULTS);
    expect(RETENTION_DEFAULTS).toEqual(DEFAULTS);

    const changed = {
      ...DEFAULTS,
      recordingDays: 180,
      noteDays: 300,
      surveyAnswerDays: 400,
      callDays: 400,
      auditEntryDays: 3650,
      exportDays: 3,
    };
    const saved = await put(adminCookie, changed);
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toEqual(changed);
    expect((await t.app.inject({ method: "GET", url: "/api/settings/retention", headers: { cookie: adminCookie } })).json()).toEqual(
      changed,
    );
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { resource: "settings", resourceId: "retention", action: "update" } });
    expect(audit.before).toEqual(DEFAULTS);
    expect(audit.after).toEqual(changed);
  });

  it("keeps periods saved under the keys used before every kind had one", async () => {
    await t.db.setting.createMany({
      data: [
        { key: "retention.recordingDays", value: 90 },
        { key: "retention.callDays", value: 500 },
      ],
    });
    const get = await t.app.inject({ method: "GET", url: "/api/settings/retention", headers: { cookie: adminCookie } });
    expect(get.json()).toEqual({ ...DEFAULTS, recordingDays: 90, callDays: 500 });
  });

  it("names the field of a bad value", async () => {
    const zero = await put(adminCookie, { ...DEFAULTS, recordingDays: 0 });
    expect(zero.statusCode).toBe(400);
    expect(Object.keys(zero.json().errors)).toEqual(["recordingDays"]);
    const text = await put(adminCookie, { ...DEFAULTS, callDays: "forever" });
    expect(text.statusCode).toBe(400);
    expect(Object.keys(text.json().errors)).toContain("callDays");
    const { smsMessageDays: _, ...withoutSms } = DEFAULTS;
    const missing = await put(adminCookie, withoutSms);
    expect(missing.statusCode).toBe(400);
    expect(Object.keys(missing.json().errors)).toContain("smsMessageDays");
    // The audit trail is accountability: at least a year. An export archive: at most a month.
    const audit = await put(adminCookie, { ...DEFAULTS, auditEntryDays: 30 });
    expect(audit.statusCode).toBe(400);
    expect(Object.keys(audit.json().errors)).toEqual(["auditEntryDays"]);
    const exportDays = await put(adminCookie, { ...DEFAULTS, exportDays: 365 });
    expect(exportDays.statusCode).toBe(400);
    expect(Object.keys(exportDays.json().errors)).toEqual(["exportDays"]);
    const longer = await put(adminCookie, { ...DEFAULTS, recordingDays: 800, callDays: 400 });
    expect(longer.statusCode).toBe(400);
    expect(longer.json().errors).toEqual({ recordingDays: "tthc.validation.retention_longer_than_calls" });
    const notes = await put(adminCookie, { ...DEFAULTS, noteDays: 900 });
    expect(notes.statusCode).toBe(400);
    expect(notes.json().errors).toEqual({ noteDays: "tthc.validation.retention_longer_than_calls" });
    expect(await t.db.setting.count({ where: { key: { startsWith: "retention." } } })).toBe(0);
  });

  it("is for admins only", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/settings/retention", headers: { cookie: agentCookie } })).statusCode).toBe(403);
    expect((await put(agentCookie, DEFAULTS)).statusCode).toBe(403);
    expect((await t.app.inject({ method: "GET", url: "/api/settings/retention" })).statusCode).toBe(401);
    expect((await t.app.inject({ method: "GET", url: "/api/retention/preview", headers: { cookie: agentCookie } })).statusCode).toBe(403);
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

    expect(await run()).toMatchObject({ removed: { recordings: 2, calls: 1, surveyAnswers: 1, smsMessages: 1 }, failed: 0 });

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
    expect(Object.values((await run()).removed).every((n) => n === 0)).toBe(true);
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
    expect(await run()).toMatchObject({ removed: { recordings: 1, calls: 0 } });
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
    expect(result.removed.recordings).toBe(1);
    expect(result.failed).toBe(1);
    expect(await t.db.call.findUnique({ where: { id: c.id } })).not.toBeNull();
    expect(await t.db.recording.findUniqueOrThrow({ where: { id: failing.id } })).toMatchObject({
      deletedAt: null,
      mediaUrl: failing.mediaUrl,
    });
    expect((await t.db.recording.findUniqueOrThrow({ where: { id: gone.id } })).deletedAt).not.toBeNull();

    stub.handle(undefined);
    expect(await run()).toMatchObject({ removed: { calls: 1 }, failed: 0 });
    expect(await t.db.call.findUnique({ where: { id: c.id } })).toBeNull();
  });

  it("only marks recordings without a Twilio account", async () => {
    const c = await call(400);
    const r = await recording(c.id, 400);
    expect(await applyRetention({ db: t.db, now: () => NOW })).toMatchObject({ removed: { recordings: 1 } });
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

describe("retention of every kind", () => {
  const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

  /** Rows of each kind, one past its default period and one within it (or kept for a reason). */
  async function seedEveryKind() {
    const authorId = province.users.admin.id;
    const agencyId = province.agencies.province.id;
    const oldCall = await insertCall(t.db, { startedAt: ago(800) });
    const middleCall = await insertCall(t.db, { startedAt: ago(400) });
    const newCall = await insertCall(t.db, { startedAt: ago(10) });
    const recordings = {
      withOldCall: await createRecording(t.db, oldCall.id, { createdAt: ago(800) }),
      voicemailWithOldCall: await createRecording(t.db, oldCall.id, { kind: "voicemail", createdAt: ago(800) }),
      expired: await createRecording(t.db, middleCall.id, { createdAt: ago(400) }),
      voicemailExpired: await createRecording(t.db, middleCall.id, { kind: "voicemail", createdAt: ago(400) }),
      recent: await createRecording(t.db, newCall.id, { createdAt: ago(10) }),
      voicemailRecent: await createRecording(t.db, newCall.id, { kind: "voicemail", createdAt: ago(10) }),
    };
    await t.db.callNote.create({ data: { callId: oldCall.id, authorId, state: "draft", createdAt: ago(800) } });
    const keptNote = await t.db.callNote.create({ data: { callId: middleCall.id, authorId, state: "draft", createdAt: ago(400) } });
    await t.db.surveyAnswer.create({
      data: { callId: oldCall.id, question: "satisfaction", value: 1, channel: "ivr", createdAt: ago(800) },
    });
    await t.db.surveyAnswer.create({
      data: { callId: middleCall.id, question: "satisfaction", value: 5, channel: "ivr", createdAt: ago(400) },
    });
    const callback = (status: "open" | "closed", days: number) =>
      t.db.callbackRequest.create({ data: { agencyId, phone: "+84912000001", status, dueAt: ago(days), createdAt: ago(days) } });
    await callback("closed", 400);
    const openOld = await callback("open", 400);
    const closedNew = await callback("closed", 10);
    const sms = (days: number, callId?: number) =>
      t.db.smsMessage.create({
        data: {
          provider: "sink",
          recipient: "+84912000002",
          body: "b",
          purpose: "service",
          status: "delivered",
          callId,
          createdAt: ago(days),
        },
      });
    await sms(400);
    await sms(10, oldCall.id); // a survey text of a call going now
    const keptSms = await sms(10);
    const contact = (phone: string, consentStatus: "unknown" | "granted" | "refused", days: number) =>
      t.db.contact.create({ data: { phone, consentStatus, createdAt: ago(days) } });
    const noConsentOld = await contact("+84913000001", "unknown", 100);
    const granted = await contact("+84913000002", "granted", 100);
    const refusedInRunning = await contact("+84913000003", "refused", 100);
    const noConsentNew = await contact("+84913000004", "unknown", 10);
    const sender = await t.db.smsSender.create({ data: { brandname: "UBND GiaLai", provider: "sink" } });
    const campaign = (status: "completed" | "running", completedDays?: number) =>
      t.db.campaign.create({
        data: {
          name: `c-${status}-${completedDays}`,
          status,
          body: "b",
          senderId: sender.id,
          audience: {},
          createdById: authorId,
          completedAt: completedDays === undefined ? null : ago(completedDays),
        },
      });
    const endedLongAgo = await campaign("completed", 400);
    const endedRecently = await campaign("completed", 10);
    const running = await campaign("running");
    await t.db.campaignRecipient.createMany({
      data: [
        { campaignId: endedLongAgo.id, phone: "+84913000002", contactId: granted.id, status: "delivered" },
        { campaignId: endedLongAgo.id, phone: "+84913000005", status: "failed" },
        { campaignId: endedRecently.id, phone: "+84913000002", contactId: granted.id, status: "delivered" },
        { campaignId: running.id, phone: "+84913000003", contactId: refusedInRunning.id, status: "pending" },
      ],
    });
    await t.db.auditLog.create({ data: { action: "update", resource: "settings", createdAt: ago(2000) } });
    const keptAudit = await t.db.auditLog.create({ data: { action: "update", resource: "settings", createdAt: ago(1000) } });
    // Data-subject requests: one closed 40 days ago (its number goes), one closed 10 days ago, one open.
    const dsr = (n: number, state: "completed" | "rejected" | "in_progress", closedDays?: number) =>
      t.db.dataSubjectRequest.create({
        data: {
          reference: `YC-2026-900${n}`,
          phone: `+8491400000${n}`,
          phoneHash: String(n).repeat(64),
          requesterName: "Nguyễn Văn A",
          identityCheck: "CCCD",
          kind: "export",
          channel: "in_person",
          receivedAt: ago(60),
          acknowledgeBy: ago(58),
          completeBy: ago(45),
          state,
          completedAt: closedDays === undefined ? null : ago(closedDays),
        },
      });
    const closedLongAgo = await dsr(1, "completed", 40);
    const closedRecently = await dsr(2, "rejected", 10);
    const open = await dsr(3, "in_progress");
    // Export archives: one past its expiry (its file goes with it), one still waiting for its download.
    const dir = mkdtempSync(join(tmpdir(), "exports-"));
    const archive = (name: string) => {
      const path = join(dir, name);
      writeFileSync(path, "zip");
      return path;
    };
    const expiredExport = await t.db.privacyExport.create({
      data: { requestId: closedLongAgo.id, path: archive("old.zip"), size: 3n, createdAt: ago(8), expiresAt: ago(1) },
    });
    const liveExport = await t.db.privacyExport.create({
      data: { requestId: open.id, path: archive("new.zip"), size: 3n, createdAt: ago(1), expiresAt: new Date(NOW.getTime() + 6 * DAY) },
    });
    return {
      closedLongAgo,
      closedRecently,
      open,
      expiredExport,
      liveExport,
      oldCall,
      middleCall,
      newCall,
      recordings,
      keptNote,
      openOld,
      closedNew,
      keptSms,
      noConsentOld,
      noConsentNew,
      keptAudit,
    };
  }

  const counts = async () => Object.fromEntries((await previewRetention(t.db, NOW)).map((k) => [k.kind, k.count]));

  it("previews exactly what the run removes, removes exactly that, and then previews nothing", async () => {
    const rows = await seedEveryKind();
    const expected = {
      recordings: 2,
      voicemails: 2,
      notes: 1,
      surveyAnswers: 1,
      callbackRequests: 1,
      smsMessages: 2,
      campaignRecipients: 2,
      contactsWithoutConsent: 1,
      calls: 1,
      auditEntries: 1,
      exports: 1,
    };
    expect(await counts()).toEqual(expected);
    const preview = await previewRetention(t.db, NOW);
    expect(preview.find((k) => k.kind === "contactsWithoutConsent")?.cutoff).toEqual(ago(90));

    const result = await applyRetention({ db: t.db, twilio: stub.client(), now: () => NOW });
    expect(result).toEqual({ removed: expected, failed: 0, requestNumbersCleared: 1 });
    // The expired archive is gone from disk and from the table; the one awaiting its download stays.
    expect(existsSync(rows.expiredExport.path)).toBe(false);
    expect(existsSync(rows.liveExport.path)).toBe(true);
    expect((await t.db.privacyExport.findMany({ select: { id: true } })).map((e) => e.id)).toEqual([rows.liveExport.id]);
    // A request closed over 30 days ago keeps only the hash of its number; the others keep the number.
    const requests = await t.db.dataSubjectRequest.findMany({ select: { id: true, phone: true, phoneHash: true }, orderBy: { id: "asc" } });
    expect(requests).toEqual([
      { id: rows.closedLongAgo.id, phone: null, phoneHash: "1".repeat(64) },
      { id: rows.closedRecently.id, phone: "+84914000002", phoneHash: "2".repeat(64) },
      { id: rows.open.id, phone: "+84914000003", phoneHash: "3".repeat(64) },
    ]);

    // Four recordings deleted at Twilio: the two of the old call, and the two past their own period.
    const deleted = stub.requests.filter((r) => r.method === "DELETE").map((r) => r.path);
    const { withOldCall, voicemailWithOldCall, expired, voicemailExpired } = rows.recordings;
    expect(deleted.sort()).toEqual(
      [withOldCall, voicemailWithOldCall, expired, voicemailExpired]
        .map((r) => `/2010-04-01/Accounts/${STUB_ACCOUNT_SID}/Recordings/${r.recordingSid}.json`)
        .sort(),
    );
    // What stays: the calls within the period, their live audio, the note and answer of the middle call…
    expect((await t.db.call.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id)).toEqual([
      rows.middleCall.id,
      rows.newCall.id,
    ]);
    expect(await t.db.recording.count({ where: { deletedAt: null } })).toBe(2);
    expect(await t.db.callNote.findMany({ select: { id: true } })).toEqual([{ id: rows.keptNote.id }]);
    expect(await t.db.surveyAnswer.count()).toBe(1);
    // …the open call-back request however old, the recent one, the recent message…
    expect((await t.db.callbackRequest.findMany({ select: { id: true }, orderBy: { id: "asc" } })).map((c) => c.id)).toEqual([
      rows.openOld.id,
      rows.closedNew.id,
    ]);
    expect(await t.db.smsMessage.findMany({ select: { id: true } })).toEqual([{ id: rows.keptSms.id }]);
    // …recipients of the campaign that ended recently and of the running one…
    expect(await t.db.campaignRecipient.count()).toBe(2);
    // …contacts with consent, in a running campaign, or too recent to judge.
    expect((await t.db.contact.findMany({ select: { phone: true }, orderBy: { phone: "asc" } })).map((c) => c.phone)).toEqual([
      "+84913000002",
      "+84913000003",
      "+84913000004",
    ]);
    expect(await t.db.auditLog.findUnique({ where: { id: rows.keptAudit.id } })).not.toBeNull();
    const purge = await t.db.auditLog.findFirstOrThrow({ where: { action: "retention_purge" }, orderBy: { id: "desc" } });
    expect(purge.after).toMatchObject({ removed: { calls: 1, contactsWithoutConsent: 1 }, failed: 0 });
    expect(JSON.stringify(purge.after)).not.toContain("+849");

    expect(await counts()).toEqual(Object.fromEntries(Object.entries(expected).map(([k]) => [k, 0])));
  });

  it("expires notes without their call when their own period is shorter", async () => {
    await t.db.setting.create({ data: { key: "retention.noteDays", value: 30 } });
    const call = await insertCall(t.db, { startedAt: ago(60) });
    await t.db.callNote.create({ data: { callId: call.id, authorId: province.users.admin.id, state: "draft", createdAt: ago(60) } });
    expect(await counts()).toMatchObject({ notes: 1, calls: 0 });
    expect((await applyRetention({ db: t.db, now: () => NOW })).removed).toMatchObject({ notes: 1, calls: 0 });
    expect(await t.db.callNote.count({ where: { callId: call.id } })).toBe(0);
    expect(await t.db.call.count({ where: { id: call.id } })).toBe(1);
  });

  it("answers the dry run over the API for admins", async () => {
    const response = await t.app.inject({ method: "GET", url: "/api/retention/preview", headers: { cookie: adminCookie } });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.kinds.map((k: { kind: string }) => k.kind)).toEqual([
      "recordings",
      "voicemails",
      "notes",
      "surveyAnswers",
      "callbackRequests",
      "smsMessages",
      "campaignRecipients",
      "contactsWithoutConsent",
      "calls",
      "auditEntries",
      "exports",
    ]);
    expect(body.kinds.find((k: { kind: string }) => k.kind === "calls")).toMatchObject({ days: 730, count: expect.any(Number) });
    expect(body.kinds.find((k: { kind: string }) => k.kind === "exports")).toMatchObject({ days: 7, count: 0 });
  });
});
