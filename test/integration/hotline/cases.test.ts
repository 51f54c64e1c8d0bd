// Issue 13's acceptance test, through the real app, database and Redis, on a fixed clock (only Date
// is faked): a call's note becomes a case; the citizen gets the creation SMS with the code; the case
// is passed to another agency with a reason; it becomes overdue on the right working day across
// 30/4–1/5; it is answered; the citizen gets the answer SMS and, after closing, one survey link; each
// agency sees only its part. SMS go through the sink provider.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { CaseDetail } from "../../../server/contract/hotline/cases.js";
import { ESCALATE_CASES, escalateOverdueCases } from "../../../server/hotline/cases/escalation.js";
import { type CaseSmsDeps, sendCaseSms } from "../../../server/hotline/cases/sms-job.js";
import { createSinkSmsProvider } from "../../../server/messaging/vendors/sink.js";
import { suppress } from "../../../server/outreach/consent/opt-outs/suppress.js";
import { maintenanceProcessor } from "../../../server/privacy/retention/maintenance.js";
import { createUser, listUrl, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";

const CALLER = "+84912345678";
const BASE = "https://tongdai-tthc.gialai.gov.vn";
/** An instant given as Vietnam wall-clock time. */
const vn = (local: string) => new Date(`${local}+07:00`);

let t: TestApp;
let province: Awaited<ReturnType<typeof seedSmallProvince>>;
const cookies: Record<string, string> = {};

const deps = (): CaseSmsDeps => ({
  db: t.db,
  provider: createSinkSmsProvider({}),
  publicBaseUrl: BASE,
  hotlineNumber: "+842563822478",
  now: () => new Date(),
});

const api = (who: string, method: "GET" | "POST" | "PUT", url: string, payload?: object) =>
  t.app.inject({ method, url, headers: { cookie: cookies[who] ?? "" }, ...(payload ? { payload } : {}) });

beforeAll(async () => {
  // Only Date: timers, sockets and the database run as usual.
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(vn("2026-04-29T09:00:00"));
  t = await startTestApp({ PUBLIC_BASE_URL: BASE, SESSION_TTL_HOURS: "720", HOTLINE_NUMBER: "+842563822478" });
  province = await seedSmallProvince(t.db);
  const { agencies } = province;
  await createUser(t.db, { username: "pleiku.nv", roles: ["agent"], agencyId: agencies.wardB.id });
  await createUser(t.db, { username: "quynhon.gs", roles: ["supervisor"], agencyId: agencies.wardA.id });
  for (const who of ["admin", "stp.giamsat", "quynhon.nv1", "lanhdao.xem", "pleiku.nv", "quynhon.gs"])
    cookies[who] = await login(t.app, who);
});
afterAll(async () => {
  await t?.close();
  vi.useRealTimers();
});

describe("a case from a call's note to the citizen's survey", () => {
  let caseId = 0;
  let code = "";

  it("creates the case from the note, with the code and the deadline past the holidays", async () => {
    const { agencies, users } = province;
    // The citizen opted out of advertising: the service SMS about their own question still goes.
    await suppress(t.db, CALLER, "keyword", "TC");
    const call = await createCall(t.db, {
      caller: CALLER,
      agencyId: agencies.wardA.id,
      staffId: users.agent.id,
      startedAt: vn("2026-04-29T08:40:00"),
    });
    const note = await t.db.callNote.create({
      data: {
        callId: call.id,
        authorId: users.agent.id,
        category: "ho_tich",
        question: "Thủ tục đăng ký khai sinh cho con?",
        state: "final",
      },
    });
    const created = await api("quynhon.nv1", "POST", "/api/cases", { noteId: note.id });
    expect(created.statusCode, created.body).toBe(200);
    const body = created.json<CaseDetail>();
    caseId = body.id;
    code = body.code;
    expect(body).toMatchObject({
      code: "GL-2026-000001",
      phone: CALLER,
      kind: "question",
      question: "Thủ tục đăng ký khai sinh cho con?",
      agencyId: agencies.wardA.id,
      state: "new",
      source: "call_note",
      callId: call.id,
      // Wednesday 29/4: 30/4 and 1/5 are holidays, then the weekend; five working days end Friday 8/5.
      dueDate: "2026-05-08",
      dueAt: "2026-05-08T17:00:00.000Z",
      overdue: false,
      escalationLevel: 0,
    });
    expect(body.events.map((e) => e.type)).toEqual(["created"]);
    expect(body.calls).toEqual([expect.objectContaining({ callId: call.id })]);
    // One case per note.
    const again = await api("quynhon.nv1", "POST", "/api/cases", { noteId: note.id });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors).toEqual({ noteId: "tthc.validation.taken" });
    expect(await t.db.auditLog.count({ where: { resource: "cases", action: "create", resourceId: String(caseId) } })).toBe(1);
  });

  it("queues the creation SMS with the case id only and sends it once", async () => {
    const job = await t.app.queues.cases.getJob(`case-sms-case_created-${caseId}`);
    expect(job?.data).toEqual({ caseId, purpose: "case_created" });
    expect(JSON.stringify(job?.data)).not.toMatch(/\d{9}/);
    expect(await sendCaseSms(deps(), caseId, "case_created")).toMatchObject({ sent: true });
    expect(await sendCaseSms(deps(), caseId, "case_created")).toEqual({ sent: false, reason: "already_sent" });
    const sms = await t.db.smsMessage.findMany({ where: { caseId } });
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ recipient: CALLER, purpose: "case_created", status: "sent" });
    expect(sms[0]?.body).toBe(
      `Tong dai TTHC Gia Lai: da tiep nhan phieu ${code}, du kien tra loi truoc het ngay 08/05/2026. Tra cuu: goi 02563822478, bam phim 7.`,
    );
  });

  it("passes the case to the department with a reason, keeping its deadline", async () => {
    const { agencies } = province;
    const noReason = await api("quynhon.nv1", "POST", `/api/cases/${caseId}/transfer`, { agencyId: agencies.department.id, reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(Object.keys(noReason.json().errors)).toContain("reason");

    vi.setSystemTime(vn("2026-04-29T10:00:00"));
    const moved = await api("quynhon.nv1", "POST", `/api/cases/${caseId}/transfer`, {
      agencyId: agencies.department.id,
      reason: "Thuộc thẩm quyền Sở Tư pháp",
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const body = moved.json<CaseDetail>();
    // The answer to the transfer already tells the ward it no longer works the case.
    expect(body).toMatchObject({ agencyId: agencies.department.id, dueDate: "2026-05-08", assigneeId: null, workable: false });
    expect(body.events.at(-1)).toMatchObject({
      type: "transferred",
      reason: "Thuộc thẩm quyền Sở Tư pháp",
      fromAgency: { id: agencies.wardA.id },
      toAgency: { id: agencies.department.id },
    });
    // Nobody is texted about a transfer.
    expect(await t.db.smsMessage.count({ where: { caseId } })).toBe(1);
    // The ward that passed it on reads it, and no longer works it.
    const read = await api("quynhon.nv1", "GET", `/api/cases/${caseId}`);
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({ workable: false });
    expect((await api("stp.giamsat", "GET", `/api/cases/${caseId}`)).json()).toMatchObject({ workable: true });
    // A province-wide reader sees it and works nothing.
    expect((await api("lanhdao.xem", "GET", `/api/cases/${caseId}`)).json()).toMatchObject({ workable: false });
    const answerByWard = await api("quynhon.nv1", "POST", `/api/cases/${caseId}/answer`, { answer: "..." });
    expect(answerByWard.statusCode).toBe(403);
  });

  it("becomes overdue at 00:00 on Saturday 9/5 and escalates two working days later, once", async () => {
    expect(await escalateOverdueCases(t.db, vn("2026-05-08T23:59:00"))).toEqual({ level1: 0, level2: 0 });
    vi.setSystemTime(vn("2026-05-09T00:00:00"));
    const run = maintenanceProcessor(t.db, { now: () => new Date() });
    expect(await run({ name: ESCALATE_CASES } as Parameters<typeof run>[0])).toEqual({ level1: 1, level2: 0, smsRequeued: 0 });
    expect(await run({ name: ESCALATE_CASES } as Parameters<typeof run>[0])).toEqual({ level1: 0, level2: 0, smsRequeued: 0 });

    const overdue = await api("stp.giamsat", "GET", listUrl("cases", { filter: { overdue: true } }));
    expect(overdue.json().map((c: { id: number }) => c.id)).toEqual([caseId]);
    expect(overdue.json()[0]).toMatchObject({ overdue: true, escalationLevel: 1 });
    // Raised to the owning agency's supervisors, not yet to the parent's.
    const raisedToDepartment = await api("stp.giamsat", "GET", listUrl("cases", { filter: { escalated: true } }));
    expect(raisedToDepartment.json()).toHaveLength(1);

    // Monday 11/5 and Tuesday 12/5 are the two working days past the deadline: level 2 from Wednesday 13/5.
    expect(await escalateOverdueCases(t.db, vn("2026-05-12T23:59:00"))).toEqual({ level1: 0, level2: 0 });
    expect(await escalateOverdueCases(t.db, vn("2026-05-13T00:00:00"))).toEqual({ level1: 0, level2: 1 });
    expect(await escalateOverdueCases(t.db, vn("2026-05-13T00:15:00"))).toEqual({ level1: 0, level2: 0 });
    const row = await t.db.case.findUniqueOrThrow({ where: { id: caseId }, include: { events: true } });
    expect(row.escalationLevel).toBe(2);
    expect(row.events.filter((e) => e.type === "escalated").map((e) => e.data)).toEqual([{ level: 1 }, { level: 2 }]);
  });

  it("is answered; the citizen reads the answer once from the SMS link", async () => {
    vi.setSystemTime(vn("2026-05-13T09:00:00"));
    const answered = await api("stp.giamsat", "POST", `/api/cases/${caseId}/answer`, { answer: "Ông/bà nộp tờ khai tại UBND phường." });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ state: "answered", overdue: false, answer: "Ông/bà nộp tờ khai tại UBND phường." });
    expect((await t.app.queues.cases.getJob(`case-sms-case_answered-${caseId}`))?.data).toEqual({ caseId, purpose: "case_answered" });

    expect(await sendCaseSms(deps(), caseId, "case_answered")).toMatchObject({ sent: true });
    expect(await sendCaseSms(deps(), caseId, "case_answered")).toEqual({ sent: false, reason: "already_sent" });
    const sms = await t.db.smsMessage.findFirstOrThrow({ where: { caseId, purpose: "case_answered" } });
    const token = new RegExp(`^Tong dai TTHC Gia Lai: phieu ${code} da co tra loi: ${BASE}/c/([A-Za-z0-9_-]{43})$`).exec(sms.body)?.[1];
    expect(token).toBeDefined();

    // Opening the link (or an app previewing it) shows a button and spends nothing.
    for (let i = 0; i < 2; i++) {
      const opened = await t.app.inject({ method: "GET", url: `/c/${token}` });
      expect(opened.statusCode).toBe(200);
      expect(opened.headers["cache-control"]).toBe("no-store");
      expect(opened.body).toContain(`action="/c/${token}"`);
      expect(opened.body).not.toContain("UBND phường");
    }
    const page = await t.app.inject({
      method: "POST",
      url: `/c/${token}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "",
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Ông/bà nộp tờ khai tại UBND phường.");
    expect(page.body).toContain(code);
    for (const method of ["GET", "POST"] as const) {
      const again = await t.app.inject({
        method,
        url: `/c/${token}`,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "",
      });
      expect(again.statusCode).toBe(410);
      expect(again.body).not.toContain("UBND phường");
    }
  });

  it("is closed; the citizen gets one survey link and answers it once", async () => {
    const closed = await api("stp.giamsat", "POST", `/api/cases/${caseId}/close`, {});
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({ state: "closed" });
    expect((await t.app.queues.cases.getJob(`case-sms-case_survey-${caseId}`))?.data).toEqual({ caseId, purpose: "case_survey" });
    expect(await sendCaseSms(deps(), caseId, "case_survey")).toMatchObject({ sent: true });
    expect(await sendCaseSms(deps(), caseId, "case_survey")).toEqual({ sent: false, reason: "already_sent" });
    expect(await t.db.smsMessage.count({ where: { caseId, purpose: "case_survey" } })).toBe(1);
    const body = (await t.db.smsMessage.findFirstOrThrow({ where: { caseId, purpose: "case_survey" } })).body;
    const token = /\/c\/([A-Za-z0-9_-]{43})$/.exec(body)?.[1] ?? "";

    const form = await t.app.inject({ method: "GET", url: `/c/${token}` });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain(`action="/c/${token}"`);
    const post = (payload: string) =>
      t.app.inject({ method: "POST", url: `/c/${token}`, headers: { "content-type": "application/x-www-form-urlencoded" }, payload });
    expect((await post("resolved=1")).statusCode).toBe(400);
    expect((await post("satisfaction=4&resolved=1")).statusCode).toBe(400);
    expect((await post("satisfaction=1&resolved=1")).statusCode).toBe(200);
    expect((await post("satisfaction=3&resolved=2")).statusCode).toBe(410);
    const answers = await t.db.caseSurveyAnswer.findMany({ where: { caseId }, orderBy: { question: "asc" } });
    expect(answers.map(({ question, value }) => ({ question, value }))).toEqual([
      { question: "resolved", value: 1 },
      { question: "satisfaction", value: 1 },
    ]);
    const detail = (await api("stp.giamsat", "GET", `/api/cases/${caseId}`)).json<CaseDetail>();
    expect(detail.sms.map((s) => s.purpose)).toEqual(["case_created", "case_answered", "case_survey"]);
    expect(detail.events.map((e) => e.type)).toEqual([
      "created",
      "sms",
      "transferred",
      "escalated",
      "escalated",
      "answered",
      "sms",
      "closed",
      "sms",
    ]);
  });

  it("shows each agency only its part, with numbers masked for report readers", async () => {
    const ids = async (who: string, filter: object = {}) =>
      (await api(who, "GET", listUrl("cases", { filter }))).json().map((c: { id: number }) => c.id) as number[];
    // Another ward's own case.
    const other = await api("pleiku.nv", "POST", "/api/cases", { phone: "0987 654 321", kind: "feedback", question: "Đường ngập nước" });
    expect(other.statusCode, other.body).toBe(200);
    const otherId = other.json().id as number;
    expect(other.json()).toMatchObject({
      code: "GL-2026-000002",
      source: "manual",
      agencyId: province.agencies.wardB.id,
      dueDate: "2026-05-27",
    });

    expect(await ids("pleiku.nv")).toEqual([otherId]);
    expect((await api("pleiku.nv", "GET", `/api/cases/${caseId}`)).statusCode).toBe(404);
    // The ward that passed the first case on still sees it; the department owns it; the ward does not see the other ward's.
    expect(await ids("quynhon.nv1")).toEqual([caseId]);
    expect(await ids("quynhon.gs")).toEqual([caseId]);
    expect(await ids("stp.giamsat")).toEqual([caseId]);
    expect((await ids("admin")).sort()).toEqual([caseId, otherId]);
    // Viewers read every case with the number masked, and may not search by it.
    const viewed = (await api("lanhdao.xem", "GET", listUrl("cases", { filter: { id: [caseId] } }))).json();
    expect(viewed[0].phone).toBe("+84 91x xxx 678");
    expect((await api("lanhdao.xem", "GET", listUrl("cases", { filter: { phone: CALLER } }))).statusCode).toBe(403);
    expect(await ids("stp.giamsat", { phone: "0912 345 678" })).toEqual([caseId]);
    expect(await ids("admin", { q: "2026000002" })).toEqual([otherId]);
    expect(await ids("admin", { q: "khai sinh" })).toEqual([caseId]);
    expect(await ids("admin", { state: "closed" })).toEqual([caseId]);
    expect(await ids("admin", { kind: "feedback" })).toEqual([otherId]);
    // Viewers read; only call staff write.
    expect((await api("lanhdao.xem", "POST", "/api/cases", { phone: "0987654321", kind: "question", question: "x" })).statusCode).toBe(403);
  });
});

describe("case service SMS", () => {
  it("reach a citizen who opted out of advertising and already had three campaign SMS today", async () => {
    const phone = "+84987111222";
    await suppress(t.db, phone, "keyword", "TC");
    for (let i = 0; i < 3; i++) {
      await t.db.smsMessage.create({
        data: { provider: "sink", recipient: phone, body: "[QC] ...", purpose: "campaign", status: "delivered" },
      });
    }
    const created = await api("quynhon.nv1", "POST", "/api/cases", {
      phone: "0987 111 222",
      kind: "proposal",
      question: "Đề nghị mở thêm quầy",
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(await sendCaseSms(deps(), created.json().id, "case_created")).toMatchObject({ sent: true });
    expect(await t.db.smsMessage.count({ where: { recipient: phone, purpose: "case_created", status: "sent" } })).toBe(1);
  });

  it("are not sent to landlines, and the answer SMS waits for an answer", async () => {
    const created = await api("quynhon.nv1", "POST", "/api/cases", { phone: "0256 3822 478", kind: "question", question: "Giờ làm việc?" });
    expect(created.statusCode, created.body).toBe(200);
    const id = created.json().id as number;
    expect(await sendCaseSms(deps(), id, "case_created")).toEqual({ sent: false, reason: "no_mobile" });
    expect(await sendCaseSms(deps(), id, "case_answered")).toEqual({ sent: false, reason: "not_due" });
    expect(await sendCaseSms(deps(), id, "case_survey")).toEqual({ sent: false, reason: "not_due" });
  });
});
