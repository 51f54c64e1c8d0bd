// Carrying a data-subject request out through the HTTP API, as a privacy officer: the footprint of the
// request's number, an export downloaded once, the erasure run by the worker's processor on the privacy
// queue (recordings deleted at Twilio through the real SDK against the local stub), its report, and
// the footprint afterwards holding only the documented keepers. Agents are refused every route.
import { mkdtemp, readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Worker } from "bullmq";
import JSZip from "jszip";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrivacyRequestDetail } from "../../../server/contract/privacy/requests.js";
import { PRIVACY_QUEUE, queueOptions } from "../../../server/platform/jobs/queues.js";
import { privacyProcessor } from "../../../server/privacy/erasure/job.js";
import { createUser, loginAll, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { STUB_ACCOUNT_SID, startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

const PHONE = "+84912345678";
const OTHER = "+84987654321";
const REC = `RE${"1".repeat(32)}`;

let t: TestApp;
let stub: TwilioRestStub;
let exportDir: string;
let cookies: Record<"agent" | "officer", string>;
let agencyId: number;
let staffId: number;

beforeAll(async () => {
  exportDir = await mkdtemp(join(tmpdir(), "privacy-exports-"));
  t = await startTestApp({ EXPORT_DIR: exportDir });
  stub = await startTwilioRestStub();
  const province = await seedSmallProvince(t.db);
  agencyId = province.agencies.province.id;
  staffId = province.users.agent.id;
  const officer = await createUser(t.db, { username: "baove.dulieu", name: "Cán bộ bảo vệ dữ liệu", roles: ["privacy_officer"], agencyId });
  cookies = await loginAll(t.app, { agent: province.users.agent, officer });
});
afterAll(async () => {
  await stub?.close();
  await t?.close();
});

type Who = keyof typeof cookies;
const api = (who: Who, method: "GET" | "POST", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload !== undefined ? { payload } : {}) });

async function newRequest(kind: string, phone = "0912 345 678") {
  const response = await api("officer", "POST", "/api/privacy-requests", {
    phone,
    requesterName: "Nguyễn Văn An",
    identityCheck: "Đối chiếu CCCD tại bộ phận một cửa",
    kind,
    channel: "in_person",
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PrivacyRequestDetail>();
}

/** A call with its recording and note, a call-back request, a case and a contact: the citizen's footprint. */
async function createFootprint() {
  const call = await t.db.call.create({
    data: { callSid: `CA${"a".repeat(32)}`, caller: PHONE, hotline: "+842693000000", status: "completed", state: {}, agencyId, staffId },
  });
  await t.db.recording.create({ data: { recordingSid: REC, callId: call.id, kind: "call", status: "completed", durationSeconds: 95 } });
  await t.db.callNote.create({
    data: { callId: call.id, authorId: staffId, question: "Hỏi thủ tục cấp lại giấy khai sinh", answer: "Đã hướng dẫn", state: "draft" },
  });
  await t.db.callbackRequest.create({ data: { callId: call.id, agencyId, phone: PHONE, dueAt: new Date(Date.now() + 3_600_000) } });
  await t.db.case.create({
    data: {
      code: "GL-2026-000001",
      phone: PHONE,
      citizenName: "Nguyễn Văn An",
      kind: "question",
      question: "Cấp lại giấy khai sinh",
      agencyId,
      source: "call_note",
      callId: call.id,
      dueDate: new Date("2026-03-20"),
      dueAt: new Date("2026-03-20T10:00:00Z"),
    },
  });
  await t.db.contact.create({ data: { phone: PHONE, name: "Nguyễn Văn An", consentStatus: "granted", consentSource: "form" } });
  await t.db.contact.create({ data: { phone: OTHER, name: "Trần Thị Bình", consentStatus: "granted", consentSource: "form" } });
}

interface FootprintBody {
  kinds: { kind: string; count: number; records: { id: string }[]; links: string[] }[];
}
const countsOf = (body: FootprintBody) => Object.fromEntries(body.kinds.map((k) => [k.kind, k.count]));

describe("carrying out a request", () => {
  it("finds the footprint, exports it once, erases it through the worker and reports what stayed", async () => {
    await createFootprint();
    const request = await newRequest("erasure");
    expect((await api("officer", "POST", `/api/privacy-requests/${request.id}/acknowledge`)).statusCode).toBe(200);

    // The footprint: counts per kind, records, console links.
    const footprint = await api("officer", "GET", `/api/privacy-requests/${request.id}/footprint`);
    expect(footprint.statusCode, footprint.body).toBe(200);
    const found = footprint.json<FootprintBody>();
    expect(countsOf(found)).toMatchObject({ calls: 1, recordings: 1, notes: 1, "callback-requests": 1, cases: 1, contacts: 1 });
    expect(countsOf(found)["privacy-requests"]).toBe(1);
    expect(found.kinds.find((k) => k.kind === "cases")?.links).toEqual([expect.stringMatching(/^\/cases\/\d+\/show$/)]);

    // The export: built into EXPORT_DIR, downloaded once, then gone.
    const created = await api("officer", "POST", `/api/privacy-requests/${request.id}/exports`, {});
    expect(created.statusCode, created.body).toBe(200);
    const { id: exportId, expiresAt } = created.json<{ id: string; expiresAt: string }>();
    // The retention period of exports (7 days by default).
    expect(new Date(expiresAt).getTime() - Date.now()).toBeGreaterThan(6.9 * 86_400_000);
    expect(await readdir(exportDir)).toHaveLength(1);
    const download = await api("officer", "GET", `/api/privacy-exports/${exportId}/download`);
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-type"]).toBe("application/zip");
    expect(download.headers["content-disposition"]).toContain(request.reference);
    const zip = await JSZip.loadAsync(download.rawPayload);
    const cases = JSON.parse(String(await zip.file("cases.json")?.async("string")));
    expect(cases).toEqual([expect.objectContaining({ code: "GL-2026-000001", phone: PHONE })]);
    expect(await zip.file("TOM-TAT.txt")?.async("string")).toContain(PHONE);
    const again = await api("officer", "GET", `/api/privacy-exports/${exportId}/download`);
    expect(again.statusCode).toBe(410);
    const row = await t.db.privacyExport.findUniqueOrThrow({ where: { id: exportId } });
    expect(row.downloadedAt).not.toBeNull();
    await expect.poll(() => readdir(exportDir)).toEqual([]);

    // The erasure: 202, one job on the privacy queue carrying the request's id only.
    const started = await api("officer", "POST", `/api/privacy-requests/${request.id}/erasure`, {});
    expect(started.statusCode, started.body).toBe(202);
    const jobs = await t.app.queues.privacy.getJobs(["waiting", "delayed", "active"]);
    expect(jobs.map((j) => j.data)).toEqual([{ requestId: request.id }]);
    expect((await api("officer", "GET", `/api/privacy-requests/${request.id}/erasure`)).json()).toMatchObject({
      status: "running",
      done: 0,
    });
    // A second start while it runs is refused.
    expect((await api("officer", "POST", `/api/privacy-requests/${request.id}/erasure`, {})).statusCode).toBe(409);

    const worker = new Worker(PRIVACY_QUEUE, privacyProcessor(t.db, { twilio: stub.client() }), queueOptions(t.config));
    try {
      await expect
        .poll(async () => (await api("officer", "GET", `/api/privacy-requests/${request.id}/erasure`)).json().status, { timeout: 20_000 })
        .toBe("done");
    } finally {
      await worker.close();
    }
    const erasure = (await api("officer", "GET", `/api/privacy-requests/${request.id}/erasure`)).json<{
      report: { kind: string; result: string; keptReason?: string }[];
    }>();
    const byKind = Object.fromEntries(erasure.report.map((r) => [r.kind, r]));
    expect(byKind.cases?.result).toBe("erased");
    expect(byKind.calls?.result).toBe("anonymised");
    expect(byKind["privacy-requests"]).toMatchObject({ result: "kept", keptReason: expect.stringContaining("Nghị định 356") });
    expect(stub.requests.filter((r) => r.method === "DELETE").map((r) => r.path)).toEqual([
      `/2010-04-01/Accounts/${STUB_ACCOUNT_SID}/Recordings/${REC}.json`,
    ]);

    // Afterwards only keepers: the anonymised call, the audit trail as tokens, the erased number's hash, the request itself.
    const after = (await api("officer", "GET", `/api/privacy-requests/${request.id}/footprint`)).json<FootprintBody>();
    expect(after.kinds.map((k) => k.kind).sort()).toEqual(["audit-log", "calls", "erased-numbers", "privacy-requests"]);
    expect(after.kinds.find((k) => k.kind === "calls")?.records).toEqual([expect.objectContaining({ caller: null })]);
    // The other citizen is untouched.
    expect(await t.db.contact.count({ where: { phone: OTHER } })).toBe(1);

    // Every action is audited with the request's id and never the number in clear.
    const entries = await t.db.auditLog.findMany({ where: { resource: "privacy-requests", resourceId: String(request.id) } });
    expect(entries.map((e) => e.action)).toEqual(
      expect.arrayContaining(["privacy_footprint", "privacy_export", "privacy_export_download", "privacy_erasure"]),
    );
    expect(JSON.stringify(entries)).not.toContain("912345678");
  });

  it("withdraws consent at once for a withdrawal, and refuses it for other kinds", async () => {
    const phone = "+84905111222";
    await t.db.contact.create({ data: { phone, consentStatus: "granted", consentSource: "form" } });
    const withdrawal = await newRequest("withdrawal", phone);
    const response = await api("officer", "POST", `/api/privacy-requests/${withdrawal.id}/withdrawal`, {});
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ suppressed: true, contacts: 1 });
    expect((await t.db.contact.findUniqueOrThrow({ where: { phone } })).consentStatus).toBe("refused");
    const access = await newRequest("access", phone);
    const refused = await api("officer", "POST", `/api/privacy-requests/${access.id}/withdrawal`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors).toHaveProperty("kind");
  });
});

describe("who may and hostile input", () => {
  it("refuses agents every route", async () => {
    const request = await newRequest("access", "+84905333444");
    const exported = await t.db.privacyExport.create({
      data: { requestId: request.id, path: join(exportDir, "x.zip"), size: 1n, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    for (const [method, url] of [
      ["GET", `/api/privacy-requests/${request.id}/footprint`],
      ["POST", `/api/privacy-requests/${request.id}/exports`],
      ["POST", `/api/privacy-requests/${request.id}/erasure`],
      ["GET", `/api/privacy-requests/${request.id}/erasure`],
      ["POST", `/api/privacy-requests/${request.id}/withdrawal`],
      ["GET", `/api/privacy-exports/${exported.id}/download`],
    ] as const) {
      expect((await api("agent", method, url, method === "POST" ? {} : undefined)).statusCode, url).toBe(403);
    }
    expect((await t.db.privacyExport.findUniqueOrThrow({ where: { id: exported.id } })).downloadedAt).toBeNull();
  });

  it("answers hostile ids and bodies with 4xx", async () => {
    for (const url of [
      "/api/privacy-requests/999999/footprint",
      "/api/privacy-requests/1e3/footprint",
      "/api/privacy-requests/-1/erasure",
      "/api/privacy-requests/abc/erasure",
      "/api/privacy-exports/..%2F..%2Fetc%2Fpasswd/download",
      "/api/privacy-exports/cl000000000000000000000/download",
    ]) {
      const response = await api("officer", "GET", url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    const request = await newRequest("access", "+84905555666");
    const body = await api("officer", "POST", `/api/privacy-requests/${request.id}/erasure`, { requestId: 1 });
    expect(body.statusCode).toBe(400);
    // A request whose number was cleared has nothing to work on: 409 naming phone.
    await t.db.dataSubjectRequest.update({ where: { id: request.id }, data: { phone: null } });
    const cleared = await api("officer", "GET", `/api/privacy-requests/${request.id}/footprint`);
    expect(cleared.statusCode).toBe(409);
    expect(cleared.json().errors).toHaveProperty("phone");
    // An expired export is gone: 410.
    const expired = await t.db.privacyExport.create({
      data: { requestId: request.id, path: join(exportDir, "y.zip"), size: 1n, expiresAt: new Date(Date.now() - 1000) },
    });
    expect((await api("officer", "GET", `/api/privacy-exports/${expired.id}/download`)).statusCode).toBe(410);
  });
});
