// The line's figures of the report (offered, abandoned in queue, average and 90th-percentile wait,
// service level, talk, wrap-up, occupancy) must equal what the stored rows say: a varied set of
// calls (queued or not, answered, abandoned, called back, timed out, unanswered) and presence
// changes is inserted, every figure is recomputed here in JavaScript and compared with the report.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Figures, SatisfactionReport } from "../../../server/contract/hotline/reports.js";
import type { PresenceState, QueueOutcome } from "../../../server/generated/prisma/enums.js";
import { createUser, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { insertCall } from "../../helpers/calls.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let admin: string;
let supervisor: string;
const staff: Record<string, number> = {};

const at = (date: string, time: string) => new Date(`${date}T${time}+07:00`);
const SERVICE_LEVEL = 20;

interface Varied {
  agencyId: number | null;
  staff?: string;
  queueSeconds?: number | null;
  queueOutcome?: QueueOutcome | null;
  /** Ringing before the answer (or before giving up); null: never rang. */
  ring?: number | null;
  /** Store ring_seconds (true) or leave it to answered_at − ring_started_at (false). */
  ringStored?: boolean;
  answered: boolean;
  talk?: number | null;
  startedAt: Date;
  simulated?: boolean;
}

async function call(fixture: Varied) {
  const queue = fixture.queueSeconds ?? 0;
  const ringStartedAt = fixture.ring == null ? null : new Date(fixture.startedAt.getTime() + (20 + queue) * 1000);
  const answeredAt = fixture.answered && ringStartedAt ? new Date(ringStartedAt.getTime() + (fixture.ring ?? 0) * 1000) : null;
  return insertCall(t.db, {
    agencyId: fixture.agencyId,
    staffId: fixture.staff ? staff[fixture.staff] : null,
    startedAt: fixture.startedAt,
    ringStartedAt,
    answeredAt,
    endedAt: new Date(fixture.startedAt.getTime() + 600_000),
    ringSeconds: fixture.ring == null || fixture.ringStored === false ? null : fixture.ring,
    talkSeconds: fixture.answered ? (fixture.talk ?? 60) : null,
    queueSeconds: fixture.queueSeconds ?? null,
    queueOutcome: fixture.queueOutcome ?? null,
    termination: fixture.answered ? "answered" : fixture.agencyId ? "voicemail" : "hung_up_in_ivr",
    simulated: fixture.simulated ?? false,
  });
}

beforeAll(async () => {
  t = await startTestApp({ SERVICE_LEVEL_SECONDS: String(SERVICE_LEVEL) });
  seeded = await seedSmallProvince(t.db);
  admin = await login(t.app, "admin");
  supervisor = await login(t.app, "stp.giamsat");
  const { department, unit, wardA } = seeded.agencies;
  for (const [username, agencyId] of [
    ["stp.nv1", department.id],
    ["stp.nv2", department.id],
    ["hctp.nv1", unit.id],
    ["quynhon.nv2", wardA.id],
  ] as const) {
    staff[username] = (await createUser(t.db, { username, name: username, roles: ["agent"], agencyId })).id;
  }
  const day = (n: number, time: string) => at(`2026-02-${String(n).padStart(2, "0")}`, time);
  let i = 0;
  const next = () => day(1 + (i++ % 27), `${String(8 + (i % 9)).padStart(2, "0")}:${String((i * 7) % 60).padStart(2, "0")}:00`);
  // Answered without a queue, waits around the threshold (exactly 20 s counts as within).
  for (const ring of [3, 8, 15, 20, 21, 35])
    await call({ agencyId: department.id, staff: "stp.nv1", ring, answered: true, talk: 40 + ring, startedAt: next() });
  // Answered after a queue: the wait is the queue plus the ringing.
  for (const [queue, ring] of [
    [10, 5],
    [12, 9],
    [60, 4],
    [180, 12],
    [0, 2],
  ])
    await call({
      agencyId: department.id,
      staff: "stp.nv2",
      queueSeconds: queue,
      queueOutcome: "answered",
      ring,
      answered: true,
      talk: 200,
      startedAt: next(),
    });
  // Ring time not stored yet (read from the timestamps).
  await call({ agencyId: unit.id, staff: "hctp.nv1", ring: 7, ringStored: false, answered: true, talk: null, startedAt: next() });
  await call({
    agencyId: unit.id,
    staff: "hctp.nv1",
    queueSeconds: 30,
    queueOutcome: "answered",
    ring: 6,
    ringStored: false,
    answered: true,
    startedAt: next(),
  });
  // Left the queue: hung up, pressed 1, waited the maximum; and unanswered ringing.
  await call({ agencyId: department.id, queueSeconds: 45, queueOutcome: "abandoned", answered: false, startedAt: next() });
  await call({ agencyId: department.id, queueSeconds: 5, queueOutcome: "abandoned", answered: false, startedAt: next() });
  await call({ agencyId: unit.id, queueSeconds: 70, queueOutcome: "callback", answered: false, startedAt: next() });
  await call({ agencyId: unit.id, queueSeconds: 300, queueOutcome: "timeout", ring: 25, answered: false, startedAt: next() });
  await call({ agencyId: wardA.id, ring: 30, answered: false, startedAt: next() });
  await call({ agencyId: wardA.id, staff: "quynhon.nv2", ring: 11, answered: true, talk: 75, startedAt: next() });
  await call({ agencyId: null, answered: false, startedAt: next() });
  // Never counted: simulated, or outside the period.
  await call({ agencyId: department.id, staff: "stp.nv1", ring: 1, answered: true, startedAt: next(), simulated: true });
  await call({
    agencyId: department.id,
    queueSeconds: 9,
    queueOutcome: "abandoned",
    answered: false,
    startedAt: at("2026-03-01", "08:00:00"),
  });

  // Presence: stp.nv1 was available since the evening before the period and went offline after
  // midnight (only the part inside counts); then a morning with a call and its wrap-up.
  const presence = async (username: string, changes: [Date, PresenceState][]) => {
    const userId = staff[username] as number;
    for (const [when, state] of changes) await t.db.presenceChange.create({ data: { userId, state, at: when } });
  };
  await presence("stp.nv1", [
    [at("2026-01-31", "23:00:00"), "available"],
    [at("2026-02-01", "00:30:00"), "offline"],
    [at("2026-02-02", "08:00:00"), "available"],
    [at("2026-02-02", "08:10:00"), "on_call"],
    [at("2026-02-02", "08:20:00"), "wrap_up"],
    [at("2026-02-02", "08:21:00"), "available"],
    [at("2026-02-02", "08:40:00"), "on_call"],
    [at("2026-02-02", "08:44:00"), "wrap_up"],
    [at("2026-02-02", "08:46:00"), "away"],
    [at("2026-02-02", "09:00:00"), "offline"],
  ]);
  await presence("hctp.nv1", [
    [at("2026-02-03", "07:30:00"), "available"],
    [at("2026-02-03", "07:40:00"), "on_call"],
    [at("2026-02-03", "07:50:00"), "available"],
    [at("2026-02-03", "08:30:00"), "offline"],
  ]);
  // After the period: not counted.
  await presence("quynhon.nv2", [
    [at("2026-03-01", "08:00:00"), "available"],
    [at("2026-03-01", "09:00:00"), "offline"],
  ]);
}, 60_000);
afterAll(() => t?.close());

const report = async (cookie: string) => {
  const response = await t.app.inject({ url: "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28&minAnswers=1", headers: { cookie } });
  expect(response.statusCode).toBe(200);
  return response.json() as SatisfactionReport;
};

/** percentile_cont: linear interpolation between the closest ranks. */
function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = p * (sorted.length - 1);
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return (sorted[low] as number) + ((sorted[high] as number) - (sorted[low] as number)) * (position - low);
}

/** The line's figures recomputed from the stored call rows, independently of the SQL. */
async function direct(agencyIds: number[] | null) {
  const calls = await t.db.call.findMany({
    where: {
      startedAt: { gte: at("2026-02-01", "00:00:00"), lt: at("2026-03-01", "00:00:00") },
      simulated: false,
      ...(agencyIds ? { agencyId: { in: agencyIds } } : {}),
    },
  });
  const wait = (c: (typeof calls)[number]) => {
    const ring = c.ringSeconds ?? (c.answeredAt && c.ringStartedAt ? (c.answeredAt.getTime() - c.ringStartedAt.getTime()) / 1000 : null);
    if (c.queueSeconds === null && ring === null && c.ringStartedAt === null) return null;
    return (c.queueSeconds ?? 0) + (ring ?? 0);
  };
  const answered = calls.filter((c) => c.answeredAt);
  const waits = answered.map(wait).filter((w): w is number => w !== null);
  const offered = calls.filter((c) => c.agencyId !== null);
  const settled = offered.filter((c) => c.answeredAt || c.endedAt);
  const inTime = settled.filter((c) => c.answeredAt && (wait(c) ?? Number.POSITIVE_INFINITY) <= SERVICE_LEVEL);
  const talks = answered.map((c) => c.talkSeconds).filter((s): s is number => s !== null);
  const mean = (list: number[]) => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : null);
  return {
    calls: calls.length,
    answered: answered.length,
    offered: offered.length,
    abandonedInQueue: calls.filter((c) => c.queueOutcome === "abandoned").length,
    averageWaitSeconds: mean(waits),
    p90WaitSeconds: percentile(waits, 0.9),
    serviceLevel: settled.length ? inTime.length / settled.length : null,
    averageTalkSeconds: mean(talks),
  };
}

function expectSameLine(actual: Figures, expected: Awaited<ReturnType<typeof direct>>, label: string) {
  for (const [key, value] of Object.entries(expected)) {
    const got = actual[key as keyof Figures];
    if (value === null) expect(got, `${label} ${key}`).toBeNull();
    else expect(got, `${label} ${key}`).toBeCloseTo(value, 9);
  }
}

describe("the line's figures in the report", () => {
  it("equal the waits and service level recomputed from the stored calls, per agency and in total", async () => {
    const { department, unit, wardA } = seeded.agencies;
    const body = await report(admin);
    expect(body.serviceLevelSeconds).toBe(SERVICE_LEVEL);
    for (const agency of [department, unit, wardA]) {
      const row = body.rows.find((r) => r.agencyId === agency.id);
      expect(row, agency.name).toBeDefined();
      expectSameLine(row as Figures, await direct([agency.id]), agency.name);
    }
    expectSameLine(body.total, await direct(null), "total");
    // The values themselves, as a reader would check them for the department: 11 answered calls,
    // waits 3 8 15 20 21 35 15 21 64 192 2; within 20 s: 3 8 15 20 15 2; two hung up while waiting.
    const row = body.rows.find((r) => r.agencyId === department.id);
    expect(row).toMatchObject({ offered: 13, answered: 11, abandonedInQueue: 2 });
    expect(row?.serviceLevel).toBeCloseTo(6 / 13, 9);
    expect(row?.p90WaitSeconds).toBeCloseTo(64, 9);
  });

  it("computes wrap-up and occupancy from the presence changes, per staff member and per agency", async () => {
    const { department, unit } = seeded.agencies;
    const body = await report(admin);
    const nv1 = body.staff.find((s) => s.name === "stp.nv1");
    // Logged in 30 min (after midnight) + 60 min; busy 10 + 1 + 4 + 2 = 17 min; wrap-ups 1 and 2 min.
    expect(nv1).toMatchObject({ answered: 6, loggedInSeconds: 90 * 60, averageWrapUpSeconds: 90 });
    expect(nv1?.occupancy).toBeCloseTo(17 / 90, 9);
    expect(nv1?.averageTalkSeconds).toBeCloseTo((43 + 48 + 55 + 60 + 61 + 75) / 6, 9);
    const hctp = body.staff.find((s) => s.name === "hctp.nv1");
    expect(hctp).toMatchObject({ answered: 2, loggedInSeconds: 60 * 60, averageWrapUpSeconds: null });
    expect(hctp?.occupancy).toBeCloseTo(10 / 60, 9);
    // stp.nv2 answered calls but never logged in through presence: no occupancy to show.
    expect(body.staff.find((s) => s.name === "stp.nv2")).toMatchObject({ answered: 5, loggedInSeconds: 0, occupancy: null });
    // The ward's staff member answered one call; their presence after the period does not count.
    expect(body.staff.find((s) => s.name === "quynhon.nv2")).toMatchObject({ answered: 1, loggedInSeconds: 0 });

    expect(body.rows.find((r) => r.agencyId === department.id)?.occupancy).toBeCloseTo(17 / 90, 9);
    expect(body.rows.find((r) => r.agencyId === unit.id)?.occupancy).toBeCloseTo(10 / 60, 9);
    expect(body.total.occupancy).toBeCloseTo((17 + 10) / (90 + 60), 9);
    expect(body.total.averageWrapUpSeconds).toBeCloseTo(90, 9);
  });

  it("shows a supervisor only the staff and agencies of their subtree", async () => {
    const body = await report(supervisor);
    expect(body.staff.map((s) => s.name).sort()).toEqual(["hctp.nv1", "stp.nv1", "stp.nv2"]);
    const { department, unit } = seeded.agencies;
    expectSameLine(body.total, await direct([department.id, unit.id]), "subtree");
  });

  it("puts the figures in the CSV export, agencies then staff, under Vietnamese headers", async () => {
    const response = await t.app.inject({
      url: "/api/reports/satisfaction?from=2026-02-01&to=2026-02-28&minAnswers=1&format=csv",
      headers: { cookie: admin },
    });
    const lines = response.body.slice(1).trimEnd().split("\r\n");
    expect(lines[0]).toContain("Tỷ lệ trả lời trong 20 giây (%)");
    expect(lines).toContain("");
    const header = lines.indexOf(
      "Cán bộ,Cơ quan,Cuộc gọi đã trả lời,Thời gian đàm thoại trung bình (giây),Thời gian xử lý sau cuộc gọi trung bình (giây),Thời gian sẵn sàng làm việc (giờ),Tỷ lệ thời gian bận (%)",
    );
    expect(header).toBeGreaterThan(0);
    expect(lines.slice(header + 1).some((line) => line.startsWith("stp.nv1,Sở Tư pháp,6,") && line.endsWith(',"1,5","18,9"'))).toBe(true);
  });

  it("shows each call's time in queue and how the wait ended in the call log, filterable by that outcome", async () => {
    const filter = encodeURIComponent(JSON.stringify({ queueOutcome: "abandoned", from: "2026-02-01", to: "2026-02-28" }));
    const response = await t.app.inject({ url: `/api/calls?filter=${filter}`, headers: { cookie: admin } });
    expect(response.statusCode).toBe(200);
    const calls = response.json() as { queueSeconds: number | null; queueOutcome: string | null }[];
    expect(calls.map((c) => [c.queueOutcome, c.queueSeconds]).sort()).toEqual([
      ["abandoned", 45],
      ["abandoned", 5],
    ]);
    const wrong = encodeURIComponent(JSON.stringify({ queueOutcome: "lost" }));
    const refused = await t.app.inject({ url: `/api/calls?filter=${wrong}`, headers: { cookie: admin } });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors).toEqual({ queueOutcome: "tthc.validation.filter" });
  });
});
