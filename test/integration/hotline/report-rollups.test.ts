// The report roll-ups (call_daily_figures and the wait and staff tables per day, month and year, kept
// by triggers): they must hold what a rebuild from the stored calls holds, and give the same reports,
// after every kind of change a call goes through, count a repeated write once, and keep a month's
// figures when retention deletes its calls. The calls stored per day (call_daily_counts) follow
// deletes too, and the call log's totals read from them equal counting the calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyRetention } from "../../../server/privacy/retention/purge.js";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { createCall } from "../../helpers/calls.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;

const at = (date: string, time = "09:00") => new Date(`${date}T${time}:00+07:00`);
const FEBRUARY = "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28&minAnswers=1";

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  admin = await login(t.app, "admin");
}, 60_000);
afterAll(() => t?.close());

async function report(url = FEBRUARY) {
  const response = await t.app.inject({ method: "GET", url, headers: { cookie: admin } });
  expect(response.statusCode).toBe(200);
  return response.json();
}

/** The report as a rebuild of every roll-up from the stored calls gives it (the migration's backfill). */
async function rebuilt(url = FEBRUARY) {
  await t.db.$executeRaw`SELECT call_figures_rebuild()`;
  return report(url);
}

const ROLLUPS = [
  "call_daily_figures",
  "call_monthly_figures",
  "call_daily_waits",
  "call_monthly_waits",
  "call_yearly_waits",
  "call_daily_staff_figures",
  "call_monthly_staff_figures",
  "call_daily_counts",
] as const;

/** Every roll-up's rows that count something (a row taken back to zero is as good as none), in key order. */
async function rollupRows(tables: readonly string[] = ROLLUPS) {
  const contents: Record<string, unknown[]> = {};
  for (const table of tables) {
    const rows = await t.db.$queryRawUnsafe<Record<string, unknown>[]>(`SELECT * FROM ${table} ORDER BY 1, 2, 3`);
    contents[table] = rows
      .filter((row) =>
        Object.entries(row).some(
          ([key, value]) =>
            typeof value !== "object" &&
            typeof value !== "boolean" &&
            !["agency_key", "staff_id", "wait"].includes(key) &&
            Number(value) !== 0,
        ),
      )
      .map((row) => JSON.parse(JSON.stringify(row, (_key, value) => (typeof value === "bigint" ? Number(value) : value))));
  }
  return contents;
}

/** The call log's total (Content-Range) under a filter. */
async function logTotal(filter: Record<string, unknown>) {
  const url = `/api/calls?${new URLSearchParams({ filter: JSON.stringify(filter), range: "[0,0]" })}`;
  const response = await t.app.inject({ method: "GET", url, headers: { cookie: admin } });
  expect(response.statusCode).toBe(200);
  return Number(String(response.headers["content-range"]).split("/")[1]);
}

/** The call log's totals for periods of days and instants, kinds and agencies, against counting the calls. */
async function expectLogTotalsExact() {
  const { department, unit } = seeded.agencies;
  const filters: Record<string, unknown>[] = [
    {},
    { from: "2026-02-01", to: "2026-02-28" },
    { from: "2026-02-04", to: "2026-02-05", simulated: false },
    { from: "2026-02-06", simulated: true },
    { to: "2026-02-27" },
    { from: "2026-02-01", to: "2026-02-28", agencyId: unit.id },
    { from: "2026-02-03T11:30:00+07:00", to: "2026-02-28T23:59:00+07:00" },
    { from: "2026-02-03T12:00:00+07:00", to: "2026-02-05T09:00:00+07:00", agencyId: department.id, simulated: false },
    { from: "2026-02-03T00:00:00+07:00", to: "2026-02-04T00:00:00+07:00" },
    { from: "2026-02-04", to: "2026-02-04" },
  ];
  for (const filter of filters) {
    const bound = (value: unknown, side: "from" | "to") =>
      typeof value !== "string"
        ? {}
        : /T/.test(value)
          ? { [side === "from" ? "gte" : "lte"]: new Date(value) }
          : side === "from"
            ? { gte: at(value, "00:00") }
            : { lt: new Date(at(value, "00:00").getTime() + 86_400_000) };
    const where = {
      AND: [
        { startedAt: bound(filter.from, "from") },
        { startedAt: bound(filter.to, "to") },
        { simulated: filter.simulated as boolean | undefined },
        { agencyId: filter.agencyId as number | undefined },
      ],
    };
    expect(await logTotal(filter), JSON.stringify(filter)).toBe(await t.db.call.count({ where }));
  }
}

describe("report roll-ups", () => {
  it("follow a call's changes (answered later, moved to another agency, answers changed) as a rebuild from the calls", async () => {
    const { department, wardA, unit } = seeded.agencies;
    const agent = seeded.users.agent.id;
    for (const [i, value] of [1, 2, 3, 1].entries()) {
      await createCall(t.db, { agencyId: department.id, staffId: agent, startedAt: at("2026-02-03", `1${i}:00`), satisfaction: value });
    }
    // A call still ringing, then answered with its wait and talk time, then its survey.
    const ringing = await createCall(t.db, { agencyId: wardA.id, startedAt: at("2026-02-04"), termination: null, ringSeconds: null });
    await t.db.call.update({
      where: { id: ringing.id },
      data: {
        ringStartedAt: at("2026-02-04", "09:01"),
        answeredAt: new Date(at("2026-02-04", "09:01").getTime() + 7_500),
        staffId: agent,
        queueSeconds: 30,
      },
    });
    const midCall = await report();
    expect(midCall.rows.find((r: { agencyId: number }) => r.agencyId === wardA.id)).toMatchObject({ calls: 1, answered: 1 });
    expect(midCall.rows.find((r: { agencyId: number }) => r.agencyId === wardA.id).p90WaitSeconds).toBeCloseTo(37.5, 9);
    await t.db.call.update({ where: { id: ringing.id }, data: { ringSeconds: 8, talkSeconds: 120, termination: "answered" } });
    await t.db.surveyAnswer.create({ data: { callId: ringing.id, question: "satisfaction", value: 2, channel: "web" } });
    // Moved to another agency after its answer was counted; an answer changed afterwards.
    const moved = await createCall(t.db, { agencyId: department.id, startedAt: at("2026-02-05"), satisfaction: 3, resolved: 2 });
    await t.db.call.update({ where: { id: moved.id }, data: { agencyId: unit.id } });
    await t.db.surveyAnswer.update({ where: { callId_question: { callId: moved.id, question: "satisfaction" } }, data: { value: 1 } });
    // A simulated call and one on the last evening of the month (Vietnam time).
    await createCall(t.db, { agencyId: unit.id, startedAt: at("2026-02-06"), simulated: true, satisfaction: 3 });
    await createCall(t.db, { agencyId: unit.id, startedAt: at("2026-02-28", "23:59"), satisfaction: 1 });

    const kept = await report();
    expect(kept.total).toMatchObject({ calls: 7, answered: 7, answers: 7, verySatisfied: 4, satisfied: 2, dissatisfied: 1 });
    expect(kept.rows.find((r: { agencyId: number }) => r.agencyId === unit.id)).toMatchObject({ calls: 2, answers: 2, resolvedAnswers: 1 });
    expect(kept.staff.find((s: { staffId: number }) => s.staffId === agent)).toMatchObject({ answered: 5 });
    await expectLogTotalsExact();
    const incremental = await rollupRows();
    expect(incremental.call_yearly_waits).not.toEqual([]);
    expect(kept).toEqual(await rebuilt());
    expect(await rollupRows()).toEqual(incremental);
    // A year, and a period whose edges are read as whole months less the days outside them.
    for (const url of [
      "/api/reports/satisfaction?from=2025-03-01&to=2026-02-28&minAnswers=1",
      "/api/reports/satisfaction?from=2026-01-03&to=2026-03-02&minAnswers=1",
    ]) {
      expect((await report(url)).total).toEqual(kept.total);
    }
  });

  it("count a repeated write once: the same update again, a duplicate answer refused", async () => {
    const before = await report();
    const call = await t.db.call.findFirstOrThrow({ where: { agencyId: seeded.agencies.wardA.id } });
    // A retried webhook writes what is already there.
    await t.db.call.update({
      where: { id: call.id },
      data: { answeredAt: call.answeredAt, ringSeconds: call.ringSeconds, talkSeconds: call.talkSeconds, endedAt: call.endedAt },
    });
    await t.db.$executeRaw`INSERT INTO survey_answers (call_id, question, value, channel) VALUES (${call.id}, 'satisfaction', 3, 'ivr')
      ON CONFLICT (call_id, question) DO NOTHING`;
    expect(await report()).toEqual(before);
  });

  it("keep a month's figures when retention deletes its calls", async () => {
    // Calls of a later month stay; the dashboard's today too.
    await createCall(t.db, { agencyId: seeded.agencies.department.id, startedAt: at("2027-06-10"), satisfaction: 2 });
    const february = await report();
    const june = await report("/api/reports/satisfaction?from=2027-06-01&to=2027-06-30&minAnswers=1");
    const periodic = await t.app.inject({ method: "GET", url: "/api/agency-reports?period=2026-02&live=true", headers: { cookie: admin } });
    expect(periodic.statusCode).toBe(200);
    expect(february.total.calls).toBe(7);

    const result = await applyRetention({ db: t.db, now: () => at("2028-03-05") });
    expect(result.removed.calls).toBeGreaterThanOrEqual(8);
    expect(await t.db.call.count({ where: { startedAt: { lt: at("2026-03-01", "00:00") } } })).toBe(0);

    expect(await report()).toEqual(february);
    expect(await report("/api/reports/satisfaction?from=2027-06-01&to=2027-06-30&minAnswers=1")).toEqual(june);
    // The calls stored per day follow the deletes, as a rebuild from the calls left would count them.
    await expectLogTotalsExact();
    const counts = await rollupRows(["call_daily_counts"]);
    await t.db.$executeRaw`SELECT call_counts_rebuild()`;
    expect(await rollupRows(["call_daily_counts"])).toEqual(counts);
    const after = await t.app.inject({ method: "GET", url: "/api/agency-reports?period=2026-02&live=true", headers: { cookie: admin } });
    expect(after.json().rows).toEqual(periodic.json().rows);
    expect(after.json().total).toEqual(periodic.json().total);
  });
});
