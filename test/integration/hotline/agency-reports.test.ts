// The periodic report must equal what the stored calls and cases say: calls, survey answers, cases
// and case survey answers are seeded across two agencies and the month's boundaries (Vietnam
// midnight), every figure is recomputed here in JavaScript from the rows read back with Prisma, and
// compared with the API's; the .xlsx is read back with exceljs. Also: the score formula's settings,
// the readers' scope, hostile input, prepared reports and the job that prepares last month's once.

import { Queue } from "bullmq";
import ExcelJS from "exceljs";
import type { Response } from "light-my-request";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AgencyReport, PeriodFigures } from "../../../server/contract/hotline/agency-reports.js";
import type { NoteKind } from "../../../server/generated/prisma/enums.js";
import { PREPARE_MONTHLY_REPORT, prepareMonthlyReport } from "../../../server/hotline/reports/periodic/job.js";
import { MAINTENANCE_QUEUE, queueOptions } from "../../../server/platform/jobs/queues.js";
import { maintenanceProcessor, scheduleMaintenance } from "../../../server/privacy/retention/maintenance.js";
import { createUser, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let cookies: Record<"admin" | "supervisor" | "agent" | "viewer" | "wardViewer", string>;

/** An instant in Vietnam time. */
const at = (date: string, time = "09:00:00") => new Date(`${date}T${time}+07:00`);
const START = at("2026-11-01", "00:00:00");
const END = at("2026-12-01", "00:00:00");

let caseNumber = 0;
interface CaseFixture {
  agencyId: number;
  kind?: NoteKind;
  topic?: string | null;
  createdAt: Date;
  dueAt: Date;
  answeredAt?: Date | null;
  closedAt?: Date | null;
  /** Satisfaction answers: [value, when]. */
  survey?: [number, Date];
}
async function createCase(f: CaseFixture) {
  caseNumber += 1;
  const row = await t.db.case.create({
    data: {
      code: `GL-2026-${String(caseNumber).padStart(6, "0")}`,
      phone: "+84912345678",
      kind: f.kind ?? "question",
      topic: f.topic === undefined ? "ho-tich" : f.topic,
      question: "Thủ tục đăng ký khai sinh?",
      agencyId: f.agencyId,
      source: "manual",
      state: f.closedAt ? "closed" : f.answeredAt ? "answered" : "in_progress",
      dueDate: new Date(`${f.dueAt.toISOString().slice(0, 10)}T00:00:00Z`),
      dueAt: f.dueAt,
      answeredAt: f.answeredAt ?? null,
      answer: f.answeredAt ? "Đã trả lời" : null,
      closedAt: f.closedAt ?? null,
      createdAt: f.createdAt,
    },
  });
  if (f.survey) {
    await t.db.caseSurveyAnswer.create({ data: { caseId: row.id, question: "satisfaction", value: f.survey[0], createdAt: f.survey[1] } });
    await t.db.caseSurveyAnswer.create({ data: { caseId: row.id, question: "resolved", value: 1, createdAt: f.survey[1] } });
  }
  return row;
}

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  const { department, unit, wardA, wardB, province } = seeded.agencies;
  // A name that must come out escaped in the printable page.
  await t.db.agency.update({ where: { id: wardB.id }, data: { name: 'Phường <b>Pleiku</b> & "Hoa Lư"' } });
  await createUser(t.db, { username: "quynhon.xem", roles: ["viewer"], agencyId: wardA.id });
  cookies = {
    admin: await login(t.app, "admin"),
    supervisor: await login(t.app, "stp.giamsat"),
    agent: await login(t.app, "quynhon.nv1"),
    viewer: await login(t.app, "lanhdao.xem"),
    wardViewer: await login(t.app, "quynhon.xem"),
  };

  // Calls: the department, well rated; Quy Nhơn, poorly; the unit a few; the month's edges.
  for (const [i, value] of [1, 1, 2, 2, 3, 1, 2, 1, 1, 2, 2, 1].entries()) {
    await createCall(t.db, { agencyId: department.id, startedAt: at(`2026-11-${String(2 + i).padStart(2, "0")}`), satisfaction: value });
  }
  await createCall(t.db, { agencyId: department.id, startedAt: at("2026-11-01", "00:00:00"), termination: "abandoned_ringing" });
  await createCall(t.db, { agencyId: department.id, startedAt: at("2026-11-30", "23:59:59"), satisfaction: 1 });
  await createCall(t.db, { agencyId: department.id, startedAt: at("2026-10-31", "23:59:59"), satisfaction: 3 });
  await createCall(t.db, { agencyId: department.id, startedAt: at("2026-12-01", "00:00:00"), satisfaction: 3 });
  await createCall(t.db, { agencyId: department.id, startedAt: at("2026-11-20"), satisfaction: 3, simulated: true });
  for (const value of [1, 3, 3, 2, 3]) await createCall(t.db, { agencyId: wardA.id, startedAt: at("2026-11-10"), satisfaction: value });
  await createCall(t.db, { agencyId: wardA.id, startedAt: at("2026-11-11"), termination: "no_one_on_duty", ringSeconds: null });
  for (const value of [1, 1, 1]) await createCall(t.db, { agencyId: unit.id, startedAt: at("2026-11-12"), satisfaction: value });
  await createCall(t.db, { agencyId: null, startedAt: at("2026-11-13"), termination: "hung_up_in_ivr" });
  await createCall(t.db, { agencyId: province.id, startedAt: at("2026-11-14"), termination: "voicemail" });

  // Cases of the department.
  const d = department.id;
  await createCase({
    agencyId: d,
    kind: "question",
    createdAt: at("2026-11-02"),
    dueAt: at("2026-11-09", "00:00:00"),
    answeredAt: at("2026-11-05"),
    survey: [1, at("2026-11-06")],
  });
  await createCase({
    agencyId: d,
    kind: "feedback",
    topic: "dat-dai",
    createdAt: at("2026-11-03"),
    dueAt: at("2026-11-10", "00:00:00"),
    answeredAt: at("2026-11-10", "00:00:00"),
    survey: [3, at("2026-11-12")],
  });
  await createCase({ agencyId: d, kind: "complaint", topic: null, createdAt: at("2026-11-04"), dueAt: at("2026-11-20", "00:00:00") });
  await createCase({ agencyId: d, kind: "proposal", topic: "dat-dai", createdAt: at("2026-11-25"), dueAt: at("2026-12-05", "00:00:00") });
  // Received in October, answered late in November.
  await createCase({
    agencyId: d,
    createdAt: at("2026-10-20"),
    dueAt: at("2026-10-27", "00:00:00"),
    answeredAt: at("2026-11-03"),
    survey: [2, at("2026-11-04")],
  });
  // Received in November, answered in December: open (and overdue) at the month's end.
  await createCase({
    agencyId: d,
    createdAt: at("2026-11-16"),
    dueAt: at("2026-11-23", "00:00:00"),
    answeredAt: at("2026-12-02"),
    survey: [1, at("2026-12-03")],
  });
  // Closed without an answer: not open.
  await createCase({
    agencyId: d,
    kind: "feedback",
    createdAt: at("2026-11-05"),
    dueAt: at("2026-11-19", "00:00:00"),
    closedAt: at("2026-11-06"),
  });
  // The edges: the last second of November counts, the first of December does not.
  await createCase({ agencyId: d, createdAt: at("2026-11-30", "23:59:59"), dueAt: at("2026-12-08", "00:00:00") });
  await createCase({ agencyId: d, createdAt: at("2026-12-01", "00:00:00"), dueAt: at("2026-12-08", "00:00:00") });
  await createCase({
    agencyId: d,
    createdAt: at("2026-10-31", "23:59:59"),
    dueAt: at("2026-11-07", "00:00:00"),
    answeredAt: at("2026-11-01", "00:00:00"),
    survey: [1, at("2026-11-01", "00:00:00")],
  });
  // Quy Nhơn's cases: both answered on time.
  await createCase({
    agencyId: wardA.id,
    createdAt: at("2026-11-09"),
    dueAt: at("2026-11-16", "00:00:00"),
    answeredAt: at("2026-11-10"),
    survey: [1, at("2026-11-11")],
  });
  await createCase({
    agencyId: wardA.id,
    kind: "complaint",
    topic: "dat-dai",
    createdAt: at("2026-11-09"),
    dueAt: at("2026-12-20", "00:00:00"),
    answeredAt: at("2026-11-20"),
    survey: [2, at("2026-11-21")],
  });
}, 120_000);
afterAll(() => t?.close());

const get = (who: keyof typeof cookies, url: string) => t.app.inject({ method: "GET", url, headers: { cookie: cookies[who] } });
const report = async (who: keyof typeof cookies, query: string): Promise<AgencyReport> => {
  const response = await get(who, `/api/agency-reports?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

/** Every figure of some agencies' calls and cases in [START, END), from the stored rows, in JavaScript. */
async function recompute(agencyIds: (number | null)[]): Promise<PeriodFigures> {
  const ids = agencyIds.filter((id): id is number => id !== null);
  const agencyFilter = agencyIds.includes(null) ? { OR: [{ agencyId: { in: ids } }, { agencyId: null }] } : { agencyId: { in: ids } };
  const calls = await t.db.call.findMany({
    where: { startedAt: { gte: START, lt: END }, simulated: false, ...agencyFilter },
    include: { surveyAnswers: true },
  });
  const cases = await t.db.case.findMany({ where: { agencyId: { in: ids } }, include: { surveyAnswers: true } });
  const inPeriod = (d: Date | null) => d !== null && d >= START && d < END;
  const rate = (a: number, b: number) => (b === 0 ? null : a / b);
  const callSat = calls.flatMap((c) => c.surveyAnswers.filter((a) => a.question === "satisfaction"));
  const caseSat = cases.flatMap((c) => c.surveyAnswers.filter((a) => a.question === "satisfaction" && inPeriod(a.createdAt)));
  const received = cases.filter((c) => inPeriod(c.createdAt));
  const answered = cases.filter((c) => inPeriod(c.answeredAt));
  const onTime = answered.filter((c) => (c.answeredAt as Date) < c.dueAt);
  const open = cases.filter((c) => c.createdAt < END && !(c.answeredAt && c.answeredAt < END) && !(c.closedAt && c.closedAt < END));
  const overdue = open.filter((c) => c.dueAt <= END);
  const count = (items: string[]) => {
    const counts: Record<string, number> = {};
    for (const key of items) counts[key] = (counts[key] ?? 0) + 1;
    return counts;
  };
  const satisfied = (answers: { value: number }[]) => answers.filter((a) => a.value === 1 || a.value === 2).length;
  const handling = answered.reduce((sum, c) => sum + ((c.answeredAt as Date).getTime() - c.createdAt.getTime()) / 86_400_000, 0);
  return {
    calls: calls.length,
    answered: calls.filter((c) => c.answeredAt).length,
    answerRate: rate(calls.filter((c) => c.answeredAt).length, calls.length),
    casesReceived: received.length,
    casesByKind: { question: 0, feedback: 0, proposal: 0, complaint: 0, ...count(received.map((c) => c.kind)) },
    casesByTopic: count(received.map((c) => c.topic ?? "")),
    casesAnswered: answered.length,
    answeredOnTime: onTime.length,
    answeredLate: answered.length - onTime.length,
    onTimeRate: rate(onTime.length, answered.length + overdue.length),
    open: open.length,
    overdue: overdue.length,
    averageHandlingDays: answered.length === 0 ? null : handling / answered.length,
    callAnswers: callSat.length,
    callSatisfied: satisfied(callSat),
    callSatisfactionRate: rate(satisfied(callSat), callSat.length),
    caseAnswers: caseSat.length,
    caseSatisfied: satisfied(caseSat),
    caseSatisfactionRate: rate(satisfied(caseSat), caseSat.length),
    answers: callSat.length + caseSat.length,
    satisfactionRate: rate(satisfied(callSat) + satisfied(caseSat), callSat.length + caseSat.length),
  };
}

/** Figures compared field by field, rates to 9 decimals. */
function expectFigures(actual: PeriodFigures, expected: PeriodFigures) {
  for (const [key, value] of Object.entries(expected)) {
    const got = (actual as Record<string, unknown>)[key];
    if (typeof value === "number" && !Number.isInteger(value)) expect(got, key).toBeCloseTo(value, 9);
    else expect(got, key).toEqual(value);
  }
}

describe("the monthly report equals the stored calls and cases", () => {
  it("per agency and for the province", async () => {
    const r = await report("admin", "period=2026-11&live=true");
    expect(r).toMatchObject({
      period: "2026-11",
      kind: "month",
      from: "2026-11-01",
      to: "2026-11-30",
      closed: true,
      preparedAt: null,
      wholeProvince: true,
    });
    expect(r.asOf).toBe(END.toISOString());
    const all = await t.db.agency.findMany();
    expect(r.rows.map((row) => row.agencyId).sort()).toEqual(all.map((a) => a.id).sort());
    for (const row of r.rows) expectFigures(row, await recompute([row.agencyId]));
    expectFigures(r.total, await recompute([...all.map((a) => a.id), null]));

    // The seeded figures, so the recomputation above is known to look at what it should.
    const department = r.rows.find((row) => row.agencyId === seeded.agencies.department.id);
    expect(department).toMatchObject({
      calls: 14,
      answered: 13,
      callAnswers: 13,
      callSatisfied: 12,
      casesReceived: 7,
      casesByKind: { question: 3, feedback: 2, proposal: 1, complaint: 1 },
      casesByTopic: { "ho-tich": 4, "dat-dai": 2, "": 1 },
      casesAnswered: 4,
      answeredOnTime: 2,
      answeredLate: 2,
      open: 4,
      overdue: 2,
      caseAnswers: 4,
      caseSatisfied: 3,
    });
    expect(r.topics).toEqual(["dat-dai", "ho-tich", ""]);
  });

  it("scores and ranks with the stored formula", async () => {
    // The defaults grade from 10 answers: only the department has them.
    let r = await report("admin", "period=2026-11&live=true");
    expect(r.rows.filter((row) => row.rank !== null).map((row) => row.agencyId)).toEqual([seeded.agencies.department.id]);

    const scoring = { weights: { satisfaction: 2, onTime: 1, answer: 1 }, minAnswers: 3, bands: { excellent: 95, good: 85, pass: 50 } };
    const put = await t.app.inject({ method: "PUT", url: "/api/report-scoring", headers: { cookie: cookies.admin }, payload: scoring });
    expect(put.statusCode, put.body).toBe(200);
    expect((await get("admin", "/api/report-scoring")).json()).toEqual(scoring);

    r = await report("admin", "period=2026-11&live=true");
    expect(r.scoring).toEqual(scoring);
    const expected = r.rows
      .filter((row) => row.answers >= 3)
      .map((row) => {
        const parts = [
          [row.satisfactionRate, 2],
          [row.onTimeRate, 1],
          [row.answerRate, 1],
        ].filter(([rate]) => rate !== null) as [number, number][];
        const score = Math.round((parts.reduce((s, [rate, w]) => s + rate * w, 0) / parts.reduce((s, [, w]) => s + w, 0)) * 1000) / 10;
        const grade = score >= 95 ? "excellent" : score >= 85 ? "good" : score >= 50 ? "pass" : "fail";
        return { agencyId: row.agencyId, score, grade };
      })
      .sort((a, b) => b.score - a.score);
    expect(expected.length).toBe(3);
    expect(r.rows.slice(0, 3).map(({ agencyId, score, grade, rank }) => ({ agencyId, score, grade, rank }))).toEqual(
      expected.map((row, i) => ({ ...row, rank: i + 1 })),
    );
    // The unit: 3 of 3 satisfied, all answered, no cases → 100.
    expect(r.rows[0]).toMatchObject({ agencyId: seeded.agencies.unit.id, score: 100, grade: "excellent" });
    expect(r.rows.slice(3).every((row) => row.rank === null && row.grade === null)).toBe(true);
  });

  it("refuses a formula that cannot score, naming the field", async () => {
    const put = async (payload: object): Promise<Response> =>
      await t.app.inject({ method: "PUT", url: "/api/report-scoring", headers: { cookie: cookies.admin }, payload });
    const base = { weights: { satisfaction: 1, onTime: 1, answer: 1 }, minAnswers: 10, bands: { excellent: 90, good: 80, pass: 65 } };
    let response = await put({ ...base, weights: { satisfaction: 0, onTime: 0, answer: 0 } });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual({ weights: "tthc.validation.scoring_weights" });
    response = await put({ ...base, bands: { excellent: 80, good: 85, pass: 65 } });
    expect(response.json().errors).toEqual({ bands: "tthc.validation.scoring_bands" });
    response = await put({ ...base, weights: { satisfaction: -1, onTime: 1, answer: 1 } });
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().errors)).toEqual(["weights.satisfaction"]);
    response = await put({ ...base, minAnswers: 0 });
    expect(Object.keys(response.json().errors)).toEqual(["minAnswers"]);
    // Only administrators.
    const refused = await t.app.inject({
      method: "PUT",
      url: "/api/report-scoring",
      headers: { cookie: cookies.supervisor },
      payload: base,
    });
    expect(refused.statusCode).toBe(403);
    expect((await get("supervisor", "/api/report-scoring")).statusCode).toBe(403);
  });
});

describe("scope", () => {
  it("a supervisor sees their agency's subtree, and its total", async () => {
    const { department, unit, wardA } = seeded.agencies;
    const r = await report("supervisor", "period=2026-11&live=true");
    expect(r.wholeProvince).toBe(false);
    expect(r.rows.map((row) => row.agencyId).sort()).toEqual([department.id, unit.id].sort());
    expectFigures(r.total, await recompute([department.id, unit.id]));
    expect((await get("supervisor", `/api/agency-reports?period=2026-11&agencyId=${wardA.id}`)).statusCode).toBe(403);
    expect((await get("supervisor", `/api/agency-reports/export.xlsx?period=2026-11&agencyId=${wardA.id}`)).statusCode).toBe(403);
  });

  it("agents and viewers of a ward see the ward; the province's viewer sees the province", async () => {
    const { wardA } = seeded.agencies;
    for (const who of ["agent", "wardViewer"] as const) {
      const r = await report(who, "period=2026-11&live=true");
      expect(r.rows.map((row) => row.agencyId)).toEqual([wardA.id]);
      expectFigures(r.total, await recompute([wardA.id]));
    }
    const province = await report("viewer", "period=2026-11&live=true");
    expect(province.rows.length).toBe(5);
    expect(province.total.calls).toBe((await report("admin", "period=2026-11&live=true")).total.calls);
  });

  it("an administrator can ask for one agency's subtree", async () => {
    const { department, unit } = seeded.agencies;
    const r = await report("admin", `period=2026-11&live=true&agencyId=${department.id}`);
    expect(r.agencyId).toBe(department.id);
    expect(r.rows.map((row) => row.agencyId).sort()).toEqual([department.id, unit.id].sort());
    expectFigures(r.total, await recompute([department.id, unit.id]));
  });
});

describe("hostile input", () => {
  it.each([
    ["period=2026-13", "period"],
    ["period=2026-Q5", "period"],
    ["period=2026-11%00", "period"],
    ["period=%00", "period"],
    ["period=2026-11&agencyId=abc", "agencyId"],
    ["period=2026-11&agencyId=99999999999", "agencyId"],
    ["period=2026-11&agencyId=424242", "agencyId"],
    ["period=2026-11&live=maybe", "live"],
  ])("%s → 400 naming %s", async (query, field) => {
    for (const path of ["", "/export.xlsx", "/print"]) {
      const response = await get("admin", `/api/agency-reports${path}?${query}`);
      expect(response.statusCode, `${path} ${response.body}`).toBe(400);
      expect(Object.keys(response.json().errors ?? {}), response.body).toContain(field);
    }
  });

  it("a missing period is refused, and nobody without the permission reads", async () => {
    const response = await get("admin", "/api/agency-reports");
    expect(response.statusCode).toBe(400);
    expect(Object.keys(response.json().errors)).toEqual(["period"]);
    expect((await t.app.inject({ method: "GET", url: "/api/agency-reports?period=2026-11" })).statusCode).toBe(401);
  });
});

describe("exports", () => {
  it("the .xlsx opens with Vietnamese headers and the report's figures", async () => {
    const response = await get("admin", "/api/agency-reports/export.xlsx?period=2026-11&live=true");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("spreadsheetml");
    expect(response.headers["content-disposition"]).toContain("bao-cao-dinh-ky_2026-11.xlsx");
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(["Xếp hạng", "Phiếu theo loại, chủ đề"]);

    const r = await report("admin", "period=2026-11&live=true");
    const ranking = workbook.getWorksheet("Xếp hạng") as ExcelJS.Worksheet;
    expect(ranking.getCell("A1").value).toBe("Báo cáo định kỳ tháng 11/2026");
    const headers = (ranking.getRow(3).values as unknown[]).slice(1);
    expect(headers).toEqual([
      "Hạng",
      "Mã đơn vị",
      "Đơn vị",
      "Điểm",
      "Xếp loại",
      "Cuộc gọi đến",
      "Cuộc gọi được trả lời",
      "Tỷ lệ trả lời",
      "Phiếu tiếp nhận",
      "Phiếu đã trả lời",
      "Trả lời đúng hạn",
      "Trả lời trễ hạn",
      "Tỷ lệ đúng hạn",
      "Phiếu đang mở",
      "Phiếu quá hạn",
      "Thời gian xử lý trung bình (ngày)",
      "Lượt đánh giá cuộc gọi",
      "Tỷ lệ hài lòng cuộc gọi",
      "Lượt đánh giá phiếu",
      "Tỷ lệ hài lòng phiếu",
      "Tỷ lệ hài lòng chung",
    ]);
    const column = (name: string) => headers.indexOf(name) + 1;
    r.rows.forEach((row, i) => {
      const line = ranking.getRow(4 + i);
      expect(line.getCell(column("Mã đơn vị")).value).toBe(row.agencyCode);
      expect(line.getCell(column("Hạng")).value).toBe(row.rank);
      expect(line.getCell(column("Cuộc gọi đến")).value).toBe(row.calls);
      expect(line.getCell(column("Phiếu quá hạn")).value).toBe(row.overdue);
      expect(line.getCell(column("Tỷ lệ hài lòng chung")).value).toBe(row.satisfactionRate);
      expect(line.getCell(column("Xếp loại")).value).toBe(
        row.grade ? { excellent: "Xuất sắc", good: "Tốt", pass: "Đạt", fail: "Chưa đạt" }[row.grade] : "Chưa đủ đánh giá",
      );
    });
    const total = ranking.getRow(4 + r.rows.length);
    expect(total.getCell(column("Đơn vị")).value).toBe("Toàn tỉnh");
    expect(total.getCell(column("Cuộc gọi đến")).value).toBe(r.total.calls);

    const cases = workbook.getWorksheet("Phiếu theo loại, chủ đề") as ExcelJS.Worksheet;
    expect((cases.getRow(3).values as unknown[]).slice(1)).toEqual([
      "Mã đơn vị",
      "Đơn vị",
      "Phiếu tiếp nhận",
      "Hỏi đáp",
      "Phản ánh",
      "Kiến nghị",
      "Khiếu nại",
      "Chủ đề: dat-dai",
      "Chủ đề: ho-tich",
      "Không có chủ đề",
    ]);
    const departmentLine = r.rows.findIndex((row) => row.agencyId === seeded.agencies.department.id);
    expect((cases.getRow(4 + departmentLine).values as unknown[]).slice(3)).toEqual([7, 3, 2, 1, 1, 2, 4, 1]);

    const audit = await t.db.auditLog.findFirst({ where: { resource: "reports", resourceId: "periodic-2026-11", action: "export" } });
    expect(audit?.after).toMatchObject({ format: "xlsx", period: "2026-11" });
  });

  it("the printable page is Vietnamese HTML without script, values escaped", async () => {
    const response = await get("admin", "/api/agency-reports/print?period=2026-11&live=true");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain("BÁO CÁO ĐỊNH KỲ THÁNG 11/2026");
    expect(response.body).toContain("Xếp hạng đơn vị");
    expect(response.body).toContain("Phường &lt;b&gt;Pleiku&lt;/b&gt; &amp; &quot;Hoa Lư&quot;");
    expect(response.body).not.toContain("<b>Pleiku");
    expect(response.body).not.toMatch(/<script|\son\w+=/i);
    // The app's CSP: no inline script allowed, which the page does not need.
    expect(String(response.headers["content-security-policy"])).toContain("script-src 'self'");
  });
});

describe("prepared reports", () => {
  it("serves the prepared counts of a closed month, says when, and can count afresh or prepare again", async () => {
    const before = await report("admin", "period=2026-11");
    expect(before.preparedAt).toBeNull();

    const prepare = (who: keyof typeof cookies, period: string) =>
      t.app.inject({ method: "POST", url: "/api/agency-reports/prepare", headers: { cookie: cookies[who] }, payload: { period } });
    expect((await prepare("supervisor", "2026-11")).statusCode).toBe(403);
    const current = new Date(Date.now() + 7 * 3_600_000).toISOString().slice(0, 7);
    const open = await prepare("admin", current);
    expect(open.statusCode).toBe(400);
    expect(Object.keys(open.json().errors)).toEqual(["period"]);

    const prepared = await prepare("admin", "2026-11");
    expect(prepared.statusCode, prepared.body).toBe(200);
    const preparedAt = prepared.json().preparedAt;
    expect(preparedAt).not.toBeNull();

    // A call added afterwards changes the live figures, not the prepared report.
    await createCall(t.db, { agencyId: seeded.agencies.wardB.id, startedAt: at("2026-11-15"), satisfaction: 1 });
    const served = await report("admin", "period=2026-11");
    expect(served.preparedAt).toBe(preparedAt);
    expect(served.total.calls).toBe(before.total.calls);
    const live = await report("admin", "period=2026-11&live=true");
    expect(live.preparedAt).toBeNull();
    expect(live.total.calls).toBe(before.total.calls + 1);
    // A supervisor gets the prepared report cut to their subtree.
    const scoped = await report("supervisor", "period=2026-11");
    expect(scoped.preparedAt).toBe(preparedAt);
    expect(scoped.rows.length).toBe(2);

    const again = await prepare("admin", "2026-11");
    expect(again.json().total.calls).toBe(before.total.calls + 1);
    expect(await t.db.reportSnapshot.count({ where: { period: "2026-11" } })).toBe(1);
  });

  it("a period not over yet is counted live, with open cases as of now", async () => {
    const now = Date.now();
    const current = new Date(now + 7 * 3_600_000).toISOString().slice(0, 7);
    const r = await report("admin", `period=${current}`);
    expect(r.closed).toBe(false);
    expect(r.preparedAt).toBeNull();
    expect(new Date(r.asOf).getTime()).toBeGreaterThanOrEqual(now - 1000);
    expect((await report("admin", "period=2026-Q4")).kind).toBe("quarter");
  });

  it("the job prepares last month once, on the province's first working day", async () => {
    // June 2026: 1 June is a Monday, made a day off here; the first working day is then the 2nd.
    await t.db.hoursOverride.create({ data: { agencyId: null, date: new Date("2026-06-01T00:00:00Z"), closed: true, note: "Nghỉ bù" } });
    const run = (date: string) => prepareMonthlyReport(t.db, { now: at(date, "06:00:00") });
    expect(await run("2026-06-01")).toEqual({ skipped: "not_yet", period: "2026-05" });
    expect(await t.db.reportSnapshot.count({ where: { period: "2026-05" } })).toBe(0);
    expect(await run("2026-06-02")).toEqual({ prepared: "2026-05" });
    const first = await t.db.reportSnapshot.findUniqueOrThrow({ where: { period: "2026-05" } });
    expect(first.preparedAt.toISOString()).toBe(at("2026-06-02", "06:00:00").toISOString());
    expect(await run("2026-06-03")).toEqual({ skipped: "already_prepared", period: "2026-05" });
    expect(await run("2026-06-02")).toEqual({ skipped: "already_prepared", period: "2026-05" });
    const after = await t.db.reportSnapshot.findUniqueOrThrow({ where: { period: "2026-05" } });
    expect(after.preparedAt).toEqual(first.preparedAt);
    expect(await t.db.reportSnapshot.count({ where: { period: "2026-05" } })).toBe(1);
  });

  it("is a daily job of the worker's maintenance queue", async () => {
    const queue = new Queue(MAINTENANCE_QUEUE, queueOptions(t.config));
    try {
      await scheduleMaintenance(queue);
      await scheduleMaintenance(queue);
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.filter((s) => s.key === PREPARE_MONTHLY_REPORT)).toEqual([
        expect.objectContaining({ key: PREPARE_MONTHLY_REPORT, pattern: "0 0 6 * * *", tz: "Asia/Ho_Chi_Minh" }),
      ]);
    } finally {
      await queue.obliterate({ force: true });
      await queue.close();
    }
    // The processor runs it (today: last month is prepared, or not due yet, or already prepared).
    const run = maintenanceProcessor(t.db, {});
    const result = await run({ name: PREPARE_MONTHLY_REPORT } as Parameters<typeof run>[0]);
    expect(JSON.stringify(result)).toMatch(/prepared|not_yet|already_prepared/);
  });
});
