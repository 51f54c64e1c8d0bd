// The satisfaction report must equal what the stored answers say: every figure is recomputed here
// directly from the calls and survey answers in the database and compared with the SQL report, and
// the ranking (satisfaction rate, ties by number of answers, minAnswers) is checked by hand as well.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays } from "../../../server/clock/vietnam-time.js";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;
let supervisor: string;

const at = (date: string, time = "09:00") => new Date(`${date}T${time}:00+07:00`);

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  admin = await login(t.app, "admin");
  supervisor = await login(t.app, "stp.giamsat");
  const { department, unit, wardA, wardB, province } = seeded.agencies;

  // Answered calls with satisfaction (and sometimes resolved) answers, per agency.
  const answered = async (agencyId: number, values: number[], ringSeconds = 10) => {
    for (const [i, value] of values.entries()) {
      await createCall(t.db, {
        agencyId,
        startedAt: at("2026-02-10", `0${i % 9}:1${i % 6}`),
        satisfaction: value,
        resolved: i % 3 === 0 ? 2 : i % 3 === 1 ? 1 : undefined,
        ringSeconds: ringSeconds + i,
      });
    }
  };
  // department: 10 answers, 8 satisfied → 0.8; wardA: 5 answers, 4 satisfied → 0.8 (tie, fewer answers);
  // unit: 4 answers all satisfied → 1.0; wardB: 2 answers all satisfied, below minAnswers=3 → unranked.
  await answered(department.id, [1, 1, 2, 2, 3, 1, 2, 3, 1, 2]);
  await answered(wardA.id, [1, 2, 3, 1, 2], 20);
  await answered(unit.id, [1, 1, 1, 2], 5);
  await answered(wardB.id, [1, 2]);
  // Answered without a survey answer, unanswered, hung up in the IVR.
  await createCall(t.db, { agencyId: department.id, startedAt: at("2026-02-28", "23:30") });
  await createCall(t.db, { agencyId: department.id, startedAt: at("2026-02-01", "00:05"), termination: "abandoned_ringing" });
  await createCall(t.db, { agencyId: wardA.id, startedAt: at("2026-02-15"), termination: "no_one_on_duty", ringSeconds: null });
  await createCall(t.db, { agencyId: null, startedAt: at("2026-02-15"), termination: "hung_up_in_ivr" });
  await createCall(t.db, { agencyId: province.id, startedAt: at("2026-02-16"), termination: "voicemail", satisfaction: 3 });
  // Outside the period or simulated: never counted.
  await createCall(t.db, { agencyId: unit.id, startedAt: at("2026-03-01", "00:10"), satisfaction: 3 });
  await createCall(t.db, { agencyId: unit.id, startedAt: at("2026-01-31", "23:59"), satisfaction: 3 });
  await createCall(t.db, { agencyId: unit.id, startedAt: at("2026-02-12"), satisfaction: 3, simulated: true });
  // Today, for the dashboard endpoint.
  await createCall(t.db, { agencyId: wardB.id, startedAt: new Date(), satisfaction: 1 });
  await createCall(t.db, { agencyId: wardB.id, startedAt: new Date(), termination: "abandoned_ringing" });
}, 60_000);
afterAll(() => t?.close());

const get = (cookie: string, url: string) => t.app.inject({ method: "GET", url, headers: { cookie } });

interface Figures {
  calls: number;
  answered: number;
  answerRate: number | null;
  averageWaitSeconds: number | null;
  answers: number;
  verySatisfied: number;
  satisfied: number;
  dissatisfied: number;
  satisfactionRate: number | null;
  resolvedAnswers: number;
  resolvedRate: number | null;
}

/** The report computed in JavaScript from the stored rows, independently of the SQL. */
async function direct(from: Date, to: Date, minAnswers: number, agencyIds?: number[]) {
  const rows = await t.db.call.findMany({
    where: { startedAt: { gte: from, lt: to }, simulated: false, ...(agencyIds ? { agencyId: { in: agencyIds } } : {}) },
    include: { surveyAnswers: true, agency: true },
  });
  const figures = (calls: typeof rows): Figures => {
    const answered = calls.filter((c) => c.answeredAt);
    const value = (c: (typeof rows)[number], q: string) => c.surveyAnswers.find((a) => a.question === q)?.value;
    const satisfaction = calls.map((c) => value(c, "satisfaction")).filter((v) => v !== undefined);
    const resolved = calls.map((c) => value(c, "resolved")).filter((v) => v !== undefined);
    const count = (list: number[], v: number) => list.filter((x) => x === v).length;
    const waits = answered.map((c) => c.ringSeconds ?? 0);
    return {
      calls: calls.length,
      answered: answered.length,
      answerRate: calls.length ? answered.length / calls.length : null,
      averageWaitSeconds: waits.length ? waits.reduce((a, b) => a + b, 0) / waits.length : null,
      answers: satisfaction.length,
      verySatisfied: count(satisfaction, 1),
      satisfied: count(satisfaction, 2),
      dissatisfied: count(satisfaction, 3),
      satisfactionRate: satisfaction.length ? (count(satisfaction, 1) + count(satisfaction, 2)) / satisfaction.length : null,
      resolvedAnswers: resolved.length,
      resolvedRate: resolved.length ? count(resolved, 1) / resolved.length : null,
    };
  };
  const byAgency = new Map<number, typeof rows>();
  for (const row of rows) if (row.agencyId !== null) byAgency.set(row.agencyId, [...(byAgency.get(row.agencyId) ?? []), row]);
  const agencies = [...byAgency.entries()].map(([agencyId, calls]) => ({
    agencyId,
    agencyName: calls[0]?.agency?.name,
    ...figures(calls),
  }));
  const ranked = agencies.filter((a) => a.answers >= minAnswers);
  const better = (a: Figures, b: Figures) =>
    (a.satisfactionRate ?? 0) > (b.satisfactionRate ?? 0) || (a.satisfactionRate === b.satisfactionRate && a.answers > b.answers);
  const withRank = agencies.map((a) => ({
    ...a,
    rank: a.answers >= minAnswers ? 1 + ranked.filter((b) => better(b, a)).length : null,
  }));
  return { rows: withRank, total: figures(rows) };
}

function expectSameFigures(actual: Figures, expected: Figures, label: string) {
  const { averageWaitSeconds, ...rest } = expected;
  expect(actual, label).toMatchObject(rest);
  if (averageWaitSeconds === null) expect(actual.averageWaitSeconds, label).toBeNull();
  else expect(actual.averageWaitSeconds, label).toBeCloseTo(averageWaitSeconds, 9);
}

describe("satisfaction report", () => {
  it("equals the figures computed directly from the stored calls and answers, with rank and minAnswers", async () => {
    const response = await get(admin, "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28&minAnswers=3");
    expect(response.statusCode).toBe(200);
    const report = response.json();
    const expected = await direct(at("2026-02-01", "00:00"), at("2026-03-01", "00:00"), 3);
    expect(report).toMatchObject({ from: "2026-02-01", to: "2026-02-28", minAnswers: 3, target: 0.9 });
    expect(report.rows).toHaveLength(expected.rows.length);
    for (const row of expected.rows) {
      const actual = report.rows.find((r: { agencyId: number }) => r.agencyId === row.agencyId);
      expect(actual, row.agencyName).toBeDefined();
      expect(actual.rank, row.agencyName).toBe(row.rank);
      expect(actual.agencyName).toBe(row.agencyName);
      expectSameFigures(actual, row, row.agencyName ?? "");
    }
    expectSameFigures(report.total, expected.total, "total");
    expect(report.unrouted).toMatchObject({ calls: 1, answered: 0, answers: 0 });
  });

  it("ranks by satisfaction rate, breaks ties by answers, and lists agencies with too few answers last", async () => {
    const { department, unit, wardA, wardB, province } = seeded.agencies;
    const report = (await get(admin, "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28&minAnswers=3")).json();
    const summary = report.rows.map((r: { agencyId: number; rank: number | null; satisfactionRate: number | null; answers: number }) => [
      r.agencyId,
      r.rank,
      r.satisfactionRate,
      r.answers,
    ]);
    expect(summary).toEqual([
      [unit.id, 1, 1, 4],
      [department.id, 2, 0.8, 10],
      [wardA.id, 3, 0.8, 5],
      [wardB.id, null, 1, 2],
      [province.id, null, 0, 1],
    ]);
    // With the default minimum of 10 answers only the department is ranked.
    const strict = (await get(admin, "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28")).json();
    expect(strict.minAnswers).toBe(10);
    expect(strict.rows.filter((r: { rank: number | null }) => r.rank !== null)).toMatchObject([{ agencyId: department.id, rank: 1 }]);
    expect(strict.total).toMatchObject({ calls: 26, answered: 22, answers: 22, verySatisfied: 10, satisfied: 8, dissatisfied: 4 });
  });

  it("shows a supervisor only their subtree, with a total over it", async () => {
    const { department, unit } = seeded.agencies;
    const report = (await get(supervisor, "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28&minAnswers=3")).json();
    expect(report.rows.map((r: { agencyId: number }) => r.agencyId)).toEqual([unit.id, department.id]);
    expect(report.unrouted).toBeNull();
    const expected = await direct(at("2026-02-01", "00:00"), at("2026-03-01", "00:00"), 3, [department.id, unit.id]);
    expectSameFigures(report.total, expected.total, "subtree total");
  });

  it("refuses malformed periods", async () => {
    expect((await get(admin, "/api/reports/satisfaction?from=2026-02-30")).statusCode).toBe(400);
    const reversed = await get(admin, "/api/reports/satisfaction?from=2026-03-01&to=2026-02-01");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().errors).toEqual({ to: "tthc.validation.period_order" });
    expect((await get(admin, "/api/reports/satisfaction?minAnswers=0")).statusCode).toBe(400);
    expect((await t.app.inject({ url: "/api/reports/satisfaction" })).statusCode).toBe(401);
  });

  it("exports CSV with a BOM and a Vietnamese header, audited; the JSON view is not", async () => {
    const before = await t.db.auditLog.count({ where: { action: "export" } });
    await get(admin, "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28");
    expect(await t.db.auditLog.count({ where: { action: "export" } })).toBe(before);

    const response = await get(admin, "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28&minAnswers=3&format=csv");
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(response.headers["content-disposition"]).toBe('attachment; filename="bao-cao-hai-long_2026-02-01_2026-02-28.csv"');
    const bytes = response.rawPayload;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString("utf8").slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "Hạng,Mã cơ quan,Cơ quan,Số cuộc gọi,Đã trả lời,Tỷ lệ trả lời (%),Thời gian chờ trung bình (giây),Số lượt đánh giá,Rất hài lòng,Hài lòng,Không hài lòng,Tỷ lệ hài lòng (%),Tỷ lệ được giải đáp (%)," +
        "Cuộc gọi đến cơ quan,Bỏ máy khi đang chờ,Thời gian chờ P90 (giây),Tỷ lệ trả lời trong 20 giây (%),Thời gian đàm thoại trung bình (giây),Thời gian xử lý sau cuộc gọi trung bình (giây),Tỷ lệ thời gian bận (%)",
    );
    // Numbers and days as the report page shows them: a decimal comma (so the cell is quoted), dd/MM/yyyy.
    expect(lines[1]).toMatch(/^1,STP-HCTP,Phòng Hành chính tư pháp,4,4,100,/);
    expect(lines[2]).toMatch(/^2,STP,Sở Tư pháp,12,11,"91,7",.*,10,4,4,2,80,/);
    expect(lines.at(-1)).toMatch(/^,,Toàn tỉnh \(01\/02\/2026 – 28\/02\/2026\),26,22,/);

    // For Excel set to Vietnamese: semicolons.
    const semicolons = await get(
      admin,
      "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28&minAnswers=3&format=csv&separator=semicolon",
    );
    expect(semicolons.body.split("\r\n")[2]).toMatch(/^2;STP;Sở Tư pháp;12;11;"91,7";/);
    const wrong = await get(admin, "/api/reports/satisfaction?format=csv&separator=tab");
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain("separator");
    const audit = await t.db.auditLog.findMany({ where: { action: "export" } });
    expect(audit.at(-1)).toMatchObject({
      resource: "reports",
      resourceId: "satisfaction",
      after: { format: "csv", from: "2026-02-01", to: "2026-02-28", minAnswers: 3 },
    });
  });

  it("gives the dashboard today's and the last 30 days' figures", async () => {
    const response = await get(admin, "/api/reports/today");
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      target: 0.9,
      today: { calls: 2, answered: 1, answerRate: 0.5, answers: 1, satisfactionRate: 1 },
      last30Days: { calls: 2 },
    });
    // The cards are the satisfaction report's totals, read alone, for the province and a subtree.
    for (const cookie of [admin, supervisor]) {
      const { date, today, last30Days } = (await get(cookie, "/api/reports/today")).json();
      const total = async (from: string) =>
        (await get(cookie, `/api/reports/satisfaction?from=${from}&to=${date}&minAnswers=1`)).json().total;
      expect(today).toEqual(await total(date));
      expect(last30Days).toEqual(await total(addDays(date, -29)));
    }
  });
});
