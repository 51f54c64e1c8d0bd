// The cases API beyond the acceptance path: working a case (assign, state, reopen, link a call),
// the service levels, hostile input on every route (4xx naming the field, never 500), and the case
// SMS through a real BullMQ worker.
import { QueueEvents, Worker } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CaseDetail } from "../../../server/contract/hotline/cases.js";
import { CASE_SMS_JOB, caseSmsProcessor, sendCaseSms } from "../../../server/hotline/cases/sms-job.js";
import { createSinkSmsProvider } from "../../../server/messaging/vendors/sink.js";
import { CASES_QUEUE, queueOptions } from "../../../server/platform/jobs/queues.js";
import { listUrl, loginAll, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";

let t: TestApp;
let province: Awaited<ReturnType<typeof seedSmallProvince>>;
let cookies: Record<"admin" | "supervisor" | "agent" | "viewer", string>;

beforeAll(async () => {
  t = await startTestApp({ SURVEY_LINK_MAX_MISSES: "20" });
  province = await seedSmallProvince(t.db);
  cookies = await loginAll(t.app, province.users);
});
afterAll(async () => {
  await t?.close();
});

type Who = keyof typeof cookies;
const api = (who: Who, method: "GET" | "POST" | "PUT", url: string, payload?: unknown) =>
  t.app.inject({
    method,
    url,
    headers: { cookie: cookies[who], ...(typeof payload === "string" ? { "content-type": "application/json" } : {}) },
    ...(payload !== undefined ? { payload: payload as string } : {}),
  });

async function newCase(who: Who = "agent", data: object = {}) {
  const response = await api(who, "POST", "/api/cases", { phone: "0912345678", kind: "question", question: "Hỏi về cư trú", ...data });
  expect(response.statusCode, response.body).toBe(200);
  return response.json<CaseDetail>();
}

describe("working a case", () => {
  it("assigns within the owning agency, edits details and moves the working state", async () => {
    const c = await newCase();
    const assigned = await api("agent", "PUT", `/api/cases/${c.id}`, {
      ...c,
      assigneeId: province.users.agent.id,
      citizenName: "Nguyễn Văn A",
    });
    expect(assigned.statusCode, assigned.body).toBe(200);
    expect(assigned.json()).toMatchObject({
      assigneeId: province.users.agent.id,
      assigneeName: "quynhon.nv1",
      state: "in_progress",
      citizenName: "Nguyễn Văn A",
    });
    const waiting = await api("agent", "PUT", `/api/cases/${c.id}`, { state: "waiting_citizen" });
    expect(waiting.json()).toMatchObject({ state: "waiting_citizen" });
    // A staff member of another agency cannot be assigned.
    const outsider = await api("agent", "PUT", `/api/cases/${c.id}`, { assigneeId: province.users.supervisor.id });
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().errors).toEqual({ assigneeId: "tthc.validation.not_found" });
    // Answering, closing and reopening have their own actions.
    const answered = await api("agent", "PUT", `/api/cases/${c.id}`, { state: "answered" });
    expect(answered.statusCode).toBe(400);
    const mine = await api("agent", "GET", listUrl("cases", { filter: { assignee: "me" } }));
    expect(mine.json().map((x: { id: number }) => x.id)).toContain(c.id);
    const types = (await api("agent", "GET", `/api/cases/${c.id}`)).json<CaseDetail>().events.map((e) => e.type);
    expect(types).toEqual(["created", "edited", "assigned", "state"]);
  });

  it("closes an unanswered case only with a reason, and reopens it with a new deadline", async () => {
    const c = await newCase();
    const refused = await api("agent", "POST", `/api/cases/${c.id}/close`, {});
    expect(refused.statusCode).toBe(409);
    const closed = await api("agent", "POST", `/api/cases/${c.id}/close`, { reason: "Trùng phiếu" });
    expect(closed.json()).toMatchObject({ state: "closed" });
    // Unanswered: no survey.
    expect(await t.app.queues.cases.getJob(`case-sms-case_survey-${c.id}`)).toBeUndefined();
    expect((await api("agent", "POST", `/api/cases/${c.id}/answer`, { answer: "x" })).statusCode).toBe(409);
    const reopened = await api("agent", "POST", `/api/cases/${c.id}/reopen`, { reason: "Công dân hỏi lại" });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect(reopened.json()).toMatchObject({ state: "reopened", escalationLevel: 0, closedAt: null });
    expect(reopened.json().events.at(-1)).toMatchObject({ type: "reopened", reason: "Công dân hỏi lại" });
  });

  it("links a call once, and finds the case by it", async () => {
    const c = await newCase();
    const call = await createCall(t.db, { agencyId: province.agencies.wardA.id });
    const linked = await api("agent", "POST", `/api/cases/${c.id}/calls`, { callId: call.id });
    expect(linked.statusCode, linked.body).toBe(200);
    expect(linked.json().calls).toEqual([expect.objectContaining({ callId: call.id })]);
    await api("agent", "POST", `/api/cases/${c.id}/calls`, { callId: call.id });
    expect(await t.db.caseEvent.count({ where: { caseId: c.id, type: "call_linked" } })).toBe(1);
    const found = await api("agent", "GET", listUrl("cases", { filter: { callId: call.id } }));
    expect(found.json().map((x: { id: number }) => x.id)).toEqual([c.id]);
    // A call the user cannot see is not linked.
    const hidden = await createCall(t.db, { agencyId: province.agencies.wardB.id });
    expect((await api("agent", "POST", `/api/cases/${c.id}/calls`, { callId: hidden.id })).json().errors).toEqual({
      callId: "tthc.validation.not_found",
    });
  });

  it("creates one case from a voicemail's callback request, with its phone and agency", async () => {
    const call = await createCall(t.db, { caller: "+84912000222", agencyId: province.agencies.wardA.id, termination: "voicemail" });
    const request = await t.db.callbackRequest.create({
      data: { callId: call.id, agencyId: province.agencies.wardA.id, phone: "+84912000222", dueAt: new Date() },
    });
    const noKind = await api("agent", "POST", "/api/cases", { callbackRequestId: request.id, question: "Hỏi lại về hồ sơ" });
    expect(noKind.json().errors).toEqual({ kind: "tthc.validation.required" });
    const created = await api("agent", "POST", "/api/cases", {
      callbackRequestId: request.id,
      kind: "complaint",
      question: "Hỏi lại về hồ sơ",
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json()).toMatchObject({
      source: "voicemail",
      phone: "+84912000222",
      agencyId: province.agencies.wardA.id,
      callId: call.id,
      kind: "complaint",
    });
    const again = await api("agent", "POST", "/api/cases", { callbackRequestId: request.id, kind: "complaint", question: "x" });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual({ callbackRequestId: "tthc.validation.taken" });
    // Another ward's request is not this staff member's to turn into a case.
    const other = await t.db.callbackRequest.create({
      data: { agencyId: province.agencies.wardB.id, phone: "+84912000333", dueAt: new Date() },
    });
    const refused = await api("agent", "POST", "/api/cases", { callbackRequestId: other.id, kind: "question", question: "x" });
    expect(refused.json().errors).toEqual({ callbackRequestId: "tthc.validation.not_found" });
  });

  it("numbers codes per year without gaps, even when creations race", async () => {
    const before = (await t.db.caseCounter.findUnique({ where: { year: 2026 } }))?.last ?? 0;
    const codes = await Promise.all(Array.from({ length: 8 }, () => newCase().then((c) => c.code)));
    expect(new Set(codes).size).toBe(8);
    const numbers = codes.map((code) => Number(code.slice(-6))).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 8 }, (_, i) => before + 1 + i));
  });

  it("creates cases only for the creator's subtree", async () => {
    const elsewhere = await api("agent", "POST", "/api/cases", {
      phone: "0912345678",
      kind: "question",
      question: "x",
      agencyId: province.agencies.wardB.id,
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().errors).toEqual({ agencyId: "tthc.validation.invalid" });
  });
});

describe("service levels", () => {
  it("lists the four kinds and lets administrators change one, audited", async () => {
    const list = await api("admin", "GET", "/api/case-service-levels");
    expect(list.statusCode).toBe(200);
    expect(list.headers["content-range"]).toBe("case-service-levels 0-3/4");
    expect(list.json()).toEqual([
      { id: "question", workingDays: 5, escalateAfterDays: 2 },
      { id: "feedback", workingDays: 10, escalateAfterDays: 3 },
      { id: "proposal", workingDays: 10, escalateAfterDays: 3 },
      { id: "complaint", workingDays: 30, escalateAfterDays: 5 },
    ]);
    const put = await api("admin", "PUT", "/api/case-service-levels/proposal", { id: "proposal", workingDays: 7, escalateAfterDays: 1 });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toEqual({ id: "proposal", workingDays: 7, escalateAfterDays: 1 });
    expect(await t.db.auditLog.count({ where: { resource: "case-service-levels", resourceId: "proposal" } })).toBe(1);
    expect((await api("supervisor", "GET", "/api/case-service-levels")).statusCode).toBe(403);
    const bad = await api("admin", "PUT", "/api/case-service-levels/proposal", { workingDays: 0, escalateAfterDays: 1 });
    expect(bad.statusCode).toBe(400);
    expect((await api("admin", "PUT", "/api/case-service-levels/nope", { workingDays: 3, escalateAfterDays: 1 })).statusCode).toBe(400);
  });
});

describe("hostile input", () => {
  const fieldsOf = (response: { json(): { errors?: Record<string, string> } }) => Object.keys(response.json().errors ?? {});

  it("refuses NUL bytes, naming the field", async () => {
    const c = await newCase();
    const create = await api("agent", "POST", "/api/cases", { phone: "0912345678", kind: "question", question: "a\u0000b" });
    expect(create.statusCode).toBe(400);
    expect(fieldsOf(create)).toEqual(["question"]);
    const answer = await api("agent", "POST", `/api/cases/${c.id}/answer`, { answer: "\u0000" });
    expect(answer.statusCode).toBe(400);
    expect(fieldsOf(answer)).toEqual(["answer"]);
    const transfer = await api("agent", "POST", `/api/cases/${c.id}/transfer`, { agencyId: province.agencies.wardB.id, reason: "x\u0000" });
    expect(fieldsOf(transfer)).toEqual(["reason"]);
    const filter = await api("agent", "GET", listUrl("cases", { filter: { q: "a\u0000" } }));
    expect(filter.statusCode).toBe(400);
    const page = await t.app.inject({ method: "GET", url: "/c/%00" });
    expect(page.statusCode).toBeGreaterThanOrEqual(400);
    expect(page.statusCode).toBeLessThan(500);
  });

  it("refuses huge and malformed ids", async () => {
    for (const url of ["/api/cases/99999999999999999999", "/api/cases/-1", "/api/cases/1e3", "/api/cases/abc"]) {
      const response = await api("agent", "GET", url);
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    expect((await api("agent", "GET", "/api/cases/2147483647")).statusCode).toBe(404);
    const huge = await api("agent", "POST", "/api/cases", { noteId: 2 ** 40, kind: "question" });
    expect(huge.statusCode).toBe(400);
    expect(fieldsOf(huge)).toContain("noteId");
    const c = await newCase();
    const transfer = await api("agent", "POST", `/api/cases/${c.id}/transfer`, { agencyId: 99_999_999, reason: "x" });
    expect(transfer.statusCode).toBe(400);
    expect(fieldsOf(transfer)).toEqual(["agencyId"]);
    const call = await api("agent", "POST", `/api/cases/${c.id}/calls`, { callId: "12345678901234567890" });
    expect(call.statusCode).toBe(400);
    expect(fieldsOf(call)).toContain("callId");
    const filter = await api("agent", "GET", listUrl("cases", { filter: { agencyId: 2 ** 40 } }));
    expect(filter.statusCode).toBe(400);
    expect(fieldsOf(filter)).toEqual(["agencyId"]);
  });

  it("refuses unknown fields and bad filters, naming them", async () => {
    const c = await newCase();
    const create = await api("agent", "POST", "/api/cases", { phone: "0912345678", kind: "question", question: "x", anwser: "typo" });
    expect(create.statusCode).toBe(400);
    expect(fieldsOf(create)).toEqual(["anwser"]);
    const answer = await api("agent", "POST", `/api/cases/${c.id}/answer`, { answer: "ok", state: "closed" });
    expect(fieldsOf(answer)).toEqual(["state"]);
    // PUT takes the record back (react-admin sends it whole), but not what no record has.
    const put = await api("agent", "PUT", `/api/cases/${c.id}`, { ...c, escalated: true });
    expect(fieldsOf(put)).toEqual(["escalated"]);
    for (const [filter, field] of [
      [{ state: "lost" }, "state"],
      [{ kind: 3 }, "kind"],
      [{ overdue: "yes" }, "overdue"],
      [{ assignee: "someone" }, "assignee"],
      [{ callId: "x" }, "callId"],
      [{ phone: "091" }, "phone"],
    ] as const) {
      const response = await api("agent", "GET", listUrl("cases", { filter }));
      expect(response.statusCode, JSON.stringify(filter)).toBe(400);
      expect(fieldsOf(response)).toEqual([field]);
    }
    const badSort = await api("agent", "GET", listUrl("cases", { sort: ["phone", "ASC"] }));
    expect(badSort.statusCode).toBe(400);
    const badPhone = await api("agent", "POST", "/api/cases", { phone: "hello", kind: "question", question: "x" });
    expect(fieldsOf(badPhone)).toEqual(["phone"]);
    const noPhone = await api("agent", "POST", "/api/cases", { kind: "question", question: "x" });
    expect(fieldsOf(noPhone)).toEqual(["phone"]);
    const badKind = await api("agent", "POST", "/api/cases", { phone: "0912345678", kind: "rumour", question: "x" });
    expect(badKind.statusCode).toBe(400);
    const notJson = await api("agent", "POST", "/api/cases", "{not json");
    expect(notJson.statusCode).toBe(400);
    const long = await api("agent", "POST", `/api/cases/${c.id}/answer`, { answer: "x".repeat(8001) });
    expect(long.statusCode).toBe(400);
  });

  it("escapes the case's text on the answer page", async () => {
    const c = await newCase("agent", { question: '<script>alert("q")</script>' });
    await api("agent", "POST", `/api/cases/${c.id}/answer`, { answer: "<img src=x onerror=alert(1)>" });
    const deps = { db: t.db, provider: createSinkSmsProvider({}), publicBaseUrl: t.config.PUBLIC_BASE_URL };
    expect(await sendCaseSms(deps, c.id, "case_answered")).toMatchObject({ sent: true });
    const body = (await t.db.smsMessage.findFirstOrThrow({ where: { caseId: c.id, purpose: "case_answered" } })).body;
    const token = /\/c\/([A-Za-z0-9_-]{43})$/.exec(body)?.[1] ?? "";
    // What the page's button posts: an empty form.
    const page = await t.app.inject({
      method: "POST",
      url: `/c/${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.body).not.toContain("<script>alert");
    expect(page.body).not.toContain("<img");
    expect(page.body).toContain("&#60;img src=x onerror=alert(1)&#62;");
  });

  it("turns scanners of /c/ links away after the allowed misses", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await t.app.inject({ method: "GET", url: `/c/${"A".repeat(42)}${i % 10}` })).statusCode);
    expect(statuses.slice(0, 3)).toEqual([404, 404, 404]);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe("case SMS through a real worker", () => {
  it("sends the creation SMS once from the queued job", async () => {
    const c = await newCase("agent", { phone: "0912 000 111" });
    const options = queueOptions(t.config);
    const events = new QueueEvents(CASES_QUEUE, { connection: options.connection, prefix: options.prefix });
    await events.waitUntilReady();
    const jobId = `case-sms-case_created-${c.id}`;
    const done = new Promise<unknown>((resolve) =>
      events.on("completed", ({ jobId: id, returnvalue }) => id === jobId && resolve(returnvalue)),
    );
    const worker = new Worker(
      CASES_QUEUE,
      caseSmsProcessor({ db: t.db, provider: createSinkSmsProvider({}), publicBaseUrl: t.config.PUBLIC_BASE_URL }),
      options,
    );
    try {
      expect(await done).toMatchObject({ sent: true });
      await t.app.queues.cases.add(CASE_SMS_JOB, { caseId: c.id, purpose: "case_created" });
      await expect
        .poll(async () => (await t.app.queues.cases.getJobCounts("completed")).completed, { timeout: 10_000 })
        .toBeGreaterThanOrEqual(2);
      expect(await t.db.smsMessage.count({ where: { caseId: c.id, purpose: "case_created" } })).toBe(1);
    } finally {
      await worker.close();
      await events.close();
      await t.app.queues.cases.obliterate({ force: true });
    }
  });
});
