// The requests register (/api/privacy-requests) as a privacy officer meets it: a number in any form
// normalised, deadlines on the province's schedule across 30/4–1/5, the lifecycle with its audit
// entries (never the number in clear), who may use it, and hostile input refused with 4xx.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PrivacyRequestDetail } from "../../../server/contract/privacy/requests.js";
import { phoneHash } from "../../../server/phone/hash.js";
import { createUser, listUrl, loginAll, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
let cookies: Record<"admin" | "agent" | "officer", string>;
let officerId: number;

beforeAll(async () => {
  t = await startTestApp();
  const province = await seedSmallProvince(t.db);
  const officer = await createUser(t.db, {
    username: "baove.dulieu",
    name: "Cán bộ bảo vệ dữ liệu",
    roles: ["privacy_officer"],
    agencyId: province.agencies.province.id,
  });
  officerId = officer.id;
  cookies = await loginAll(t.app, { admin: province.users.admin, agent: province.users.agent, officer });
});
afterAll(async () => {
  await t?.close();
});

type Who = keyof typeof cookies;
const api = (who: Who, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who] }, ...(payload !== undefined ? { payload: payload as object } : {}) });

const base = {
  phone: "+84.912.345.678",
  requesterName: "Nguyễn Thị Lan",
  identityCheck: "Đối chiếu CCCD tại bộ phận một cửa",
  kind: "access",
  channel: "in_person",
};

async function newRequest(data: object = {}) {
  const response = await api("officer", "POST", "/api/privacy-requests", { ...base, ...data });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<PrivacyRequestDetail>();
}

describe("recording a request", () => {
  it("normalises the number, gives a reference and deadlines across 30/4–1/5", async () => {
    const request = await newRequest({ phone: "0912 345 678", receivedAt: "2026-04-29T10:00:00+07:00", kind: "erasure" });
    expect(request).toMatchObject({
      phone: "+84912345678",
      reference: expect.stringMatching(/^YC-2026-\d{4}$/),
      state: "received",
      // Thu 30/4, Fri 1/5 and the weekend are days off: Mon 4/5 is day 1, Tue 5/5 day 2.
      acknowledgeBy: "2026-05-05",
      completeBy: "2026-05-14",
      // Long past, never acknowledged.
      overdue: true,
      handlerId: officerId,
    });
    const row = await t.db.dataSubjectRequest.findUniqueOrThrow({ where: { id: request.id } });
    expect(row.phoneHash).toBe(phoneHash(t.config.PRIVACY_HASH_KEY, "+84912345678"));
    // The old 11-digit Viettel form is the same subscriber as 0362 345 678.
    expect((await newRequest({ phone: "01662345678" })).phone).toBe("+84362345678");
  });

  it("finds a request by reference or by the number in any form, and filters by deadline", async () => {
    const request = await newRequest({ phone: "84 905 111 222", receivedAt: "2026-03-02T09:00:00+07:00" });
    const byNumber = await api("officer", "GET", listUrl("privacy-requests", { filter: { q: "0905.111.222" } }));
    expect(byNumber.json().map((r: { id: number }) => r.id)).toEqual([request.id]);
    const [, year, seq] = /^YC-(\d{4})-(\d{4})$/.exec(request.reference) ?? [];
    const byReference = await api("officer", "GET", listUrl("privacy-requests", { filter: { q: `yc ${year} ${Number(seq)}` } }));
    expect(byReference.json().map((r: { id: number }) => r.id)).toEqual([request.id]);
    const overdue = await api("officer", "GET", listUrl("privacy-requests", { filter: { overdue: true, kind: "access" } }));
    expect(overdue.json().map((r: { id: number }) => r.id)).toContain(request.id);
    const fresh = await newRequest({ phone: "0987654321" });
    const soon = await api("officer", "GET", listUrl("privacy-requests", { filter: { dueSoon: true } }));
    // Received today: acknowledgement is due within 2 working days, which may be beyond 2 calendar days
    // over a weekend, so only the overdue one is known for sure not to be listed.
    expect(soon.json().map((r: { id: number }) => r.id)).not.toContain(request.id);
    expect(soon.headers["content-range"]).toMatch(/^privacy-requests /);
    expect(fresh.overdue).toBe(false);
  });

  it("refuses bad input naming the field, never a 500", async () => {
    const cases: [object, string][] = [
      [{ phone: "12345" }, "phone"],
      [{ phone: "abc\u0000def" }, "phone"],
      [{ phone: "+1 212 555 0100" }, "phone"],
      [{ requesterName: "   " }, "requesterName"],
      [{ identityCheck: "" }, "identityCheck"],
      [{ kind: "forget_me" }, "kind"],
      [{ receivedAt: "2099-01-01T00:00:00Z" }, "receivedAt"],
      [{ surprise: 1 }, "surprise"],
    ];
    for (const [data, field] of cases) {
      const response = await api("officer", "POST", "/api/privacy-requests", { ...base, ...data });
      expect(response.statusCode, `${JSON.stringify(data)}: ${response.body}`).toBe(400);
      expect(JSON.stringify(response.json()), JSON.stringify(data)).toContain(field);
    }
    const huge = await api("officer", "POST", "/api/privacy-requests", { ...base, requesterName: "x".repeat(100_000) });
    expect(huge.statusCode).toBeGreaterThanOrEqual(400);
    expect(huge.statusCode).toBeLessThan(500);
    expect((await api("officer", "GET", "/api/privacy-requests/999999")).statusCode).toBe(404);
    expect((await api("officer", "POST", "/api/privacy-requests/999999/acknowledge", {})).statusCode).toBe(404);
    const badFilter = await api("officer", "GET", listUrl("privacy-requests", { filter: { state: "lost" } }));
    expect(badFilter.statusCode).toBe(400);
  });
});

describe("the lifecycle", () => {
  it("acknowledges, starts and completes with an outcome; every step audited without the number", async () => {
    const request = await newRequest({ phone: "0913 222 333" });
    expect((await api("officer", "POST", `/api/privacy-requests/${request.id}/complete`, { outcome: "x" })).statusCode).toBe(409);
    const acknowledged = await api("officer", "POST", `/api/privacy-requests/${request.id}/acknowledge`, {});
    expect(acknowledged.json()).toMatchObject({ state: "acknowledged", acknowledgedAt: expect.any(String) });
    expect((await api("officer", "POST", `/api/privacy-requests/${request.id}/acknowledge`, {})).statusCode).toBe(409);
    expect((await api("officer", "POST", `/api/privacy-requests/${request.id}/start`, {})).json()).toMatchObject({ state: "in_progress" });
    const noOutcome = await api("officer", "POST", `/api/privacy-requests/${request.id}/complete`, {});
    expect(noOutcome.statusCode).toBe(400);
    expect(noOutcome.body).toContain("outcome");
    const done = await api("officer", "POST", `/api/privacy-requests/${request.id}/complete`, { outcome: "Đã cung cấp bản sao dữ liệu" });
    expect(done.json()).toMatchObject({ state: "completed", outcome: "Đã cung cấp bản sao dữ liệu", overdue: false });
    expect(done.json<PrivacyRequestDetail>().history.map((h) => [h.action, h.state])).toEqual([
      ["create", "received"],
      ["acknowledge", "acknowledged"],
      ["start_handling", "in_progress"],
      ["complete", "completed"],
    ]);
    // A closed request cannot be edited.
    expect((await api("officer", "PUT", `/api/privacy-requests/${request.id}`, { requesterName: "Khác" })).statusCode).toBe(409);

    const entries = await t.db.auditLog.findMany({ where: { resource: "privacy-requests", resourceId: String(request.id) } });
    expect(entries).toHaveLength(4);
    const hash = phoneHash(t.config.PRIVACY_HASH_KEY, "+84913222333");
    for (const entry of entries) {
      const text = JSON.stringify(entry);
      expect(text).not.toContain("913222333");
      expect(text).toContain(`hash:${hash.slice(0, 16)}`);
    }
  });

  it("rejects only with a reason, and edits the requester and handler", async () => {
    const request = await newRequest({ phone: "0914 444 555" });
    const edited = await api("officer", "PUT", `/api/privacy-requests/${request.id}`, {
      ...request,
      requesterName: "Nguyễn Thị Lan Anh",
      outcome: "Đang xác minh",
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({ requesterName: "Nguyễn Thị Lan Anh", outcome: "Đang xác minh" });
    // An agent cannot be made the handler.
    const agent = await t.db.user.findUniqueOrThrow({ where: { username: "quynhon.nv1" } });
    const wrongHandler = await api("officer", "PUT", `/api/privacy-requests/${request.id}`, { handlerId: agent.id });
    expect(wrongHandler.statusCode).toBe(400);
    expect(wrongHandler.json().errors).toEqual({ handlerId: "tthc.validation.not_found" });
    expect((await api("officer", "POST", `/api/privacy-requests/${request.id}/reject`, { reason: "" })).statusCode).toBe(400);
    const rejected = await api("officer", "POST", `/api/privacy-requests/${request.id}/reject`, {
      reason: "Không xác minh được danh tính",
    });
    expect(rejected.json()).toMatchObject({ state: "rejected", outcome: "Không xác minh được danh tính", completedAt: expect.any(String) });
  });
});

describe("who may handle requests", () => {
  it("refuses an agent, serves privacy officers and administrators", async () => {
    expect((await api("agent", "GET", listUrl("privacy-requests"))).statusCode).toBe(403);
    expect((await api("agent", "POST", "/api/privacy-requests", base)).statusCode).toBe(403);
    expect((await api("agent", "GET", "/api/privacy-requests/due")).statusCode).toBe(403);
    expect((await api("officer", "GET", listUrl("privacy-requests"))).statusCode).toBe(200);
    expect((await api("admin", "GET", listUrl("privacy-requests"))).statusCode).toBe(200);
    const me = await api("officer", "GET", "/api/auth/me");
    expect(me.json().permissions).toEqual(["privacy-requests:handle"]);
  });

  it("counts overdue and due-soon requests for the home card", async () => {
    const due = await api("officer", "GET", "/api/privacy-requests/due");
    expect(due.statusCode).toBe(200);
    const body = due.json();
    expect(body.overdue).toBeGreaterThanOrEqual(2);
    expect(body.items[0]).toMatchObject({ overdue: true, reference: expect.stringMatching(/^YC-/) });
  });
});
