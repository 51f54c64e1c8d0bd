// Callback requests left through the IVR voicemail: staff of the agency see them due first, record
// each attempt, and the request closes itself when reached, on a wrong number or after three failed
// tries; a failed try makes it due again two hours later. Everything is audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, listUrl, login, loginAll, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { CLOSED_ALL_WEEK, OPEN_ALL_WEEK } from "../../helpers/hours.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;
let supervisor: string;
let agent: string;
let viewer: string;

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  ({ admin, supervisor, agent, viewer } = await loginAll(t.app, seeded.users));
});
afterAll(() => t.close());

type Method = "GET" | "POST" | "PUT" | "DELETE";
const call = (cookie: string, method: Method, url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie } });
const HOUR = 3_600_000;
const request = (agencyId: number, dueInHours: number, phone = "+84912345678") =>
  t.db.callbackRequest.create({ data: { agencyId, phone, dueAt: new Date(Date.now() + dueInHours * HOUR) } });
const attempt = (cookie: string, id: number, outcome: string, note?: string) =>
  call(cookie, "POST", `/api/callback-requests/${id}/attempts`, { outcome, ...(note && { note }) });

describe("listing callback requests", () => {
  it("lists them in their place in line (first placed first), only for the agencies the user sees", async () => {
    const { wardA, unit, wardB } = seeded.agencies;
    const later = await request(wardA.id, 5);
    const overdue = await request(wardA.id, -3);
    const unitRequest = await request(unit.id, 1, "+84987654321");
    const other = await request(wardB.id, 0);

    const all = await call(admin, "GET", listUrl("callback-requests"));
    expect(all.statusCode, all.body).toBe(200);
    // First come, first served (placedAt); a callback chosen in a queue keeps its caller's place (queue.test.ts).
    expect(all.json().map((r: { id: number }) => r.id)).toEqual([later.id, overdue.id, unitRequest.id, other.id]);
    const byDue = await call(admin, "GET", listUrl("callback-requests", { sort: ["dueAt", "ASC"] }));
    expect(byDue.json().map((r: { id: number }) => r.id)).toEqual([overdue.id, other.id, unitRequest.id, later.id]);
    expect(all.headers["content-range"]).toBe("callback-requests 0-3/4");
    expect(all.json()[1]).toMatchObject({
      agencyId: wardA.id,
      phone: "+84912345678",
      status: "open",
      attemptCount: 0,
      lastAttemptAt: null,
    });

    expect((await call(agent, "GET", listUrl("callback-requests"))).json().map((r: { id: number }) => r.id)).toEqual([
      later.id,
      overdue.id,
    ]);
    expect((await call(supervisor, "GET", listUrl("callback-requests"))).json().map((r: { id: number }) => r.id)).toEqual([unitRequest.id]);
    const filtered = await call(admin, "GET", listUrl("callback-requests", { filter: { agencyId: wardB.id, status: "open" } }));
    expect(filtered.json().map((r: { id: number }) => r.id)).toEqual([other.id]);
    // Overdue (the supervisor's home card): open and past due, in the user's agencies only.
    const overdueOnly = await call(admin, "GET", listUrl("callback-requests", { filter: { overdue: true } }));
    expect(overdueOnly.json().map((r: { id: number }) => r.id)).toEqual([overdue.id, other.id]);
    const agentsOverdue = await call(agent, "GET", listUrl("callback-requests", { filter: { overdue: true } }));
    expect(agentsOverdue.json().map((r: { id: number }) => r.id)).toEqual([overdue.id]);
    const notOverdue = await call(admin, "GET", listUrl("callback-requests", { filter: { overdue: false } }));
    expect(notOverdue.json().map((r: { id: number }) => r.id)).toEqual([later.id, unitRequest.id]);
    const badStatus = await call(admin, "GET", listUrl("callback-requests", { filter: { status: "lost" } }));
    expect(badStatus.statusCode).toBe(400);
    expect(badStatus.json().errors).toEqual({ status: "tthc.validation.filter" });
  });

  it("keeps requests and their phone numbers away from other agencies and from viewers", async () => {
    const outside = await request(seeded.agencies.wardA.id, 2);
    expect((await call(supervisor, "GET", `/api/callback-requests/${outside.id}`)).statusCode).toBe(403);
    expect((await attempt(supervisor, outside.id, "reached")).statusCode).toBe(403);
    expect((await call(supervisor, "PUT", `/api/callback-requests/${outside.id}`, { status: "closed" })).statusCode).toBe(403);
    expect((await call(viewer, "GET", listUrl("callback-requests"))).statusCode).toBe(403);
    expect((await call(viewer, "GET", `/api/callback-requests/${outside.id}`)).statusCode).toBe(403);
    expect((await call(admin, "GET", "/api/callback-requests/999999")).statusCode).toBe(404);
  });
});

describe("recording attempts", () => {
  it("closes the request as called back when the caller is reached, and refuses further attempts", async () => {
    const cb = await request(seeded.agencies.wardA.id, 0);
    const response = await attempt(agent, cb.id, "reached", "Đã hướng dẫn thủ tục đăng ký thường trú");
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({
      id: cb.id,
      status: "called_back",
      attemptCount: 1,
      agency: { id: seeded.agencies.wardA.id, name: "Phường Quy Nhơn" },
      attempts: [
        { userId: seeded.users.agent.id, userName: "quynhon.nv1", outcome: "reached", note: "Đã hướng dẫn thủ tục đăng ký thường trú" },
      ],
    });
    const again = await attempt(agent, cb.id, "no_answer");
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual({ status: "tthc.validation.callback_not_open" });
  });

  it("marks a wrong number unreachable at once", async () => {
    const cb = await request(seeded.agencies.wardA.id, 0);
    expect((await attempt(agent, cb.id, "wrong_number")).json()).toMatchObject({ status: "unreachable", attemptCount: 1 });
  });

  it("moves a retry into the agency's next opening hours", async () => {
    const ward = seeded.agencies.wardB.id;
    const tomorrow = new Date(Date.now() + 7 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
    await t.db.agency.update({ where: { id: ward }, data: { weeklyHours: CLOSED_ALL_WEEK, observeHolidays: false } });
    await t.db.hoursOverride.create({
      data: { agencyId: ward, date: new Date(tomorrow), closed: false, ranges: [{ opens: "08:00", closes: "09:00" }] },
    });
    const cb = await request(ward, -1);
    const first = await attempt(admin, cb.id, "no_answer");
    // 08:00 in Vietnam is 01:00 UTC.
    expect(first.json()).toMatchObject({ status: "open", dueAt: `${tomorrow}T01:00:00.000Z` });
  });

  it("moves the due time two hours on for no answer or busy, and gives up after three failed tries", async () => {
    // Open around the clock, so the retry gap is not pushed into later opening hours.
    await t.db.agency.update({ where: { id: seeded.agencies.wardA.id }, data: { weeklyHours: OPEN_ALL_WEEK, observeHolidays: false } });
    const cb = await request(seeded.agencies.wardA.id, -1);
    const first = await attempt(agent, cb.id, "no_answer");
    expect(first.json()).toMatchObject({ status: "open", attemptCount: 1 });
    const due = new Date(first.json().dueAt).getTime();
    expect(Math.abs(due - (Date.now() + 2 * HOUR))).toBeLessThan(60_000);

    const second = await attempt(admin, cb.id, "busy");
    expect(second.json()).toMatchObject({ status: "open", attemptCount: 2 });
    const third = await attempt(agent, cb.id, "no_answer");
    expect(third.json()).toMatchObject({ status: "unreachable", attemptCount: 3 });
    expect(third.json().attempts.map((a: { outcome: string }) => a.outcome)).toEqual(["no_answer", "busy", "no_answer"]);
    expect(third.json().attempts[1]).toMatchObject({ userName: "admin" });

    const audit = await t.db.auditLog.findMany({
      where: { resource: "callback-requests", resourceId: String(cb.id), action: "callback_attempt" },
      orderBy: { id: "asc" },
    });
    expect(audit).toHaveLength(3);
    expect(audit[2]).toMatchObject({
      actorId: seeded.users.agent.id,
      before: { status: "open", attemptCount: 2 },
      after: { status: "unreachable", outcome: "no_answer" },
    });
    // The audit keeps the state, not the caller's number.
    expect(JSON.stringify(audit)).not.toContain("912345678");
  });

  it("answers 400 naming outcome for an unknown outcome", async () => {
    const cb = await request(seeded.agencies.wardA.id, 0);
    const response = await attempt(agent, cb.id, "voicemail");
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().errors)).toEqual(["outcome"]);
    expect(await t.db.callbackAttempt.count({ where: { requestId: cb.id } })).toBe(0);
  });
});

describe("closing a request", () => {
  it("sets the status, audited, and rejects unknown statuses", async () => {
    const cb = await request(seeded.agencies.unit.id, 0);
    const response = await call(supervisor, "PUT", `/api/callback-requests/${cb.id}`, { status: "closed" });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ status: "closed", attempts: [] });
    const audit = await t.db.auditLog.findMany({ where: { resource: "callback-requests", resourceId: String(cb.id) } });
    expect(audit).toMatchObject([
      { action: "update", actorId: seeded.users.supervisor.id, before: { status: "open" }, after: { status: "closed" } },
    ]);
    const bad = await call(supervisor, "PUT", `/api/callback-requests/${cb.id}`, { status: "deleted" });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().errors)).toEqual(["status"]);
  });
});

describe("claiming a request", () => {
  it("lets one staff member work a request: a colleague cannot claim it or record an attempt, a supervisor can take it back", async () => {
    const { wardA } = seeded.agencies;
    const colleague = await createUser(t.db, { username: "quynhon.nv2", roles: ["agent"], agencyId: wardA.id });
    const colleagueCookie = await login(t.app, colleague.username);
    const wardSupervisor = await createUser(t.db, { username: "quynhon.gs", roles: ["supervisor"], agencyId: wardA.id });
    const wardSupervisorCookie = await login(t.app, wardSupervisor.username);
    const cb = await request(wardA.id, 1);

    // Two claim at the same moment: exactly one gets it.
    const [first, second] = await Promise.all([
      call(agent, "POST", `/api/callback-requests/${cb.id}/claim`),
      call(colleagueCookie, "POST", `/api/callback-requests/${cb.id}/claim`),
    ]);
    expect([first.statusCode, second.statusCode].sort()).toEqual([200, 409]);
    const winner = first.statusCode === 200 ? { cookie: agent, id: seeded.users.agent.id } : { cookie: colleagueCookie, id: colleague.id };
    const loser = winner.cookie === agent ? colleagueCookie : agent;
    const refused = first.statusCode === 409 ? first : second;
    expect(refused.json().errors).toEqual({ claimedById: "tthc.validation.callback_claimed" });

    const shown = await call(loser, "GET", `/api/callback-requests/${cb.id}`);
    expect(shown.json()).toMatchObject({ claimedById: winner.id, claimedByName: expect.any(String) });
    // The colleague can neither record a call nor release the claim.
    expect((await attempt(loser, cb.id, "reached")).statusCode).toBe(409);
    expect((await call(loser, "DELETE", `/api/callback-requests/${cb.id}/claim`)).statusCode).toBe(409);
    // Claiming again is harmless for the claimant.
    expect((await call(winner.cookie, "POST", `/api/callback-requests/${cb.id}/claim`)).statusCode).toBe(200);

    // "Mine" lists it for the claimant only.
    const mine = (cookie: string) =>
      call(cookie, "GET", listUrl("callback-requests", { filter: { mine: true } })).then((r) => r.json().map((x: { id: number }) => x.id));
    expect(await mine(winner.cookie)).toEqual([cb.id]);
    expect(await mine(loser)).toEqual([]);

    // A supervisor of the agency takes it back; the colleague can then claim it and call.
    const released = await call(wardSupervisorCookie, "DELETE", `/api/callback-requests/${cb.id}/claim`);
    expect(released.statusCode, released.body).toBe(200);
    expect(released.json().claimedById).toBeNull();
    expect((await call(loser, "POST", `/api/callback-requests/${cb.id}/claim`)).statusCode).toBe(200);
    expect((await attempt(loser, cb.id, "reached")).statusCode).toBe(200);

    const audit = await t.db.auditLog.findMany({
      where: { resource: "callback-requests", resourceId: String(cb.id), action: { in: ["claim", "release"] } },
      orderBy: { id: "asc" },
    });
    expect(audit.map((a) => a.action)).toEqual(["claim", "release", "claim"]);
    expect(JSON.stringify(audit)).not.toContain("912345678");
  });

  it("refuses claims outside the user's agency and on closed requests", async () => {
    const cb = await request(seeded.agencies.wardA.id, 1);
    expect((await call(supervisor, "POST", `/api/callback-requests/${cb.id}/claim`)).statusCode).toBe(403);
    expect((await call(viewer, "POST", `/api/callback-requests/${cb.id}/claim`)).statusCode).toBe(403);
    await call(agent, "PUT", `/api/callback-requests/${cb.id}`, { status: "closed" });
    expect((await call(agent, "POST", `/api/callback-requests/${cb.id}/claim`)).statusCode).toBe(409);
    expect((await call(agent, "POST", "/api/callback-requests/abc/claim")).statusCode).toBe(400);
  });
});
