// The live board as a supervisor's browser receives it: a server-sent events stream opened with the
// session cookie, pushed again when rows change in the database (the triggers' NOTIFY, one LISTEN
// per process), scoped to the supervisor's subtree, refused to agents and viewers, and closed at
// shutdown. The rows are written straight to the database, as the queue and presence code would.
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Board } from "../../../server/contract/hotline/board.js";
import { createUser, login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { insertCall } from "../../helpers/calls.js";
import { type EventStream, openEventStream } from "../../helpers/event-stream.js";

let t: TestApp;
let seeded: Awaited<ReturnType<typeof seedSmallProvince>>;
let base: string;
const cookies: Record<string, string> = {};
let staffId: number;
const streams: EventStream<Board>[] = [];

beforeAll(async () => {
  t = await startTestApp();
  seeded = await seedSmallProvince(t.db);
  const { unit, department } = seeded.agencies;
  const staff = await createUser(t.db, { username: "hctp.nv1", name: "Nguyễn Thị Lan", roles: ["agent"], agencyId: unit.id });
  staffId = staff.id;
  await createUser(t.db, { username: "stp.nv2", name: "Trần Văn Bình", roles: ["agent"], agencyId: department.id });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  for (const name of ["admin", "stp.giamsat", "quynhon.nv1", "lanhdao.xem"]) cookies[name] = await login(t.app, name);
}, 60_000);
afterAll(async () => {
  for (const stream of streams) stream.close();
  await t?.close();
});

const open = async (cookie: string | undefined, query = "") => {
  const stream = await openEventStream<Board>(`${base}/api/board/stream${query}`, cookie);
  streams.push(stream);
  return stream;
};

const waitingCaller = async (agencyId: number, enqueuedAt = new Date()) => {
  const call = await insertCall(t.db, { agencyId, status: "in-progress", simulated: true });
  return t.db.queueEntry.create({ data: { callId: call.id, agencyId, enqueuedAt } });
};

describe("the live board's stream", () => {
  it("sends the supervisor's subtree at once, then again when a caller joins and leaves the queue", async () => {
    const { unit, department } = seeded.agencies;
    const stream = await open(cookies["stp.giamsat"]);
    expect(stream.status).toBe(200);
    expect(stream.contentType).toMatch(/^text\/event-stream/);
    const first = await stream.waitFor(() => true);
    expect(first).toMatchObject({ agencyId: department.id, agencyName: "Sở Tư pháp", waiting: [] });

    const entry = await waitingCaller(unit.id, new Date(Date.now() - 40_000));
    const joined = await stream.waitFor((board) => board.waiting.length === 1);
    expect(joined.waiting[0]).toMatchObject({ entryId: entry.id, agencyName: "Phòng Hành chính tư pháp", connecting: false });
    expect(Date.parse(joined.now) - Date.parse(joined.waiting[0]?.enqueuedAt ?? "")).toBeGreaterThanOrEqual(40_000);

    await t.db.queueEntry.update({ where: { id: entry.id }, data: { staffId, assignedAt: new Date() } });
    await stream.waitFor((board) => board.waiting[0]?.connecting === true);
    await t.db.queueEntry.update({ where: { id: entry.id }, data: { outcome: "abandoned", leftAt: new Date() } });
    await t.db.call.update({ where: { id: entry.callId }, data: { queueOutcome: "abandoned", queueSeconds: 45, endedAt: new Date() } });
    const left = await stream.waitFor((board) => board.waiting.length === 0 && board.today.abandoned === 1);
    expect(left.today).toMatchObject({ calls: 1, answered: 0, abandoned: 1, answerRate: 0 });
  });

  it("shows a staff member's change of state with its time and reason", async () => {
    const stream = await open(cookies["stp.giamsat"]);
    await stream.waitFor(() => true);
    const since = new Date(Date.now() - 5 * 60_000);
    await t.db.user.update({ where: { id: staffId }, data: { presence: "away", presenceSince: since, awayReason: "Họp giao ban" } });
    const board = await stream.waitFor((b) => b.staff.some((member) => member.id === staffId && member.state === "away"));
    expect(board.staff.find((member) => member.id === staffId)).toMatchObject({
      name: "Nguyễn Thị Lan",
      state: "away",
      since: since.toISOString(),
      awayReason: "Họp giao ban",
    });
    expect(board.staffCounts.away).toBe(1);

    await t.db.user.update({ where: { id: staffId }, data: { presence: "available", presenceSince: new Date(), awayReason: null } });
    const back = await stream.waitFor((b) => b.staff.some((member) => member.id === staffId && member.state === "available"));
    expect(back.staffCounts).toMatchObject({ away: 0, available: 1 });
  });

  it("keeps another agency's line off a supervisor's board, and shows it on the province's", async () => {
    const { wardA, unit } = seeded.agencies;
    const supervisor = await open(cookies["stp.giamsat"]);
    const admin = await open(cookies.admin);
    await supervisor.waitFor(() => true);
    const province = await admin.waitFor(() => true);
    expect(province).toMatchObject({ agencyId: null, agencyName: null });

    await waitingCaller(wardA.id);
    await admin.waitFor((board) => board.waiting.some((caller) => caller.agencyId === wardA.id));
    // A change inside the subtree afterwards: its board still has no caller of the ward.
    const mark = supervisor.events.length;
    await waitingCaller(unit.id);
    const after = await supervisor.waitFor((board) => board.waiting.some((caller) => caller.agencyId === unit.id), { from: mark });
    expect(after.waiting.map((caller) => caller.agencyId)).not.toContain(wardA.id);
    expect(supervisor.events.some((board) => board.waiting.some((caller) => caller.agencyId === wardA.id))).toBe(false);

    const ward = await open(cookies.admin, `?agencyId=${wardA.id}`);
    const wardBoard = await ward.waitFor(() => true);
    expect(wardBoard.agencyName).toBe("Phường Quy Nhơn");
    expect(wardBoard.waiting.map((caller) => caller.agencyId)).toEqual([wardA.id]);
  });

  it("listens on one connection for all the streams of the process", async () => {
    const rows = await t.db.$queryRaw<{ n: number }[]>`
      SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN board_changes'`;
    expect(streams.length).toBeGreaterThan(3);
    expect(rows[0]?.n).toBe(1);
  });

  it("refuses agents, viewers, strangers and another agency's board", async () => {
    const { wardA } = seeded.agencies;
    const status = async (cookie: string | undefined, query = "") => {
      const response = await t.app.inject({ method: "GET", url: `/api/board/stream${query}`, headers: cookie ? { cookie } : {} });
      return response.statusCode;
    };
    expect(await status(undefined)).toBe(401);
    expect(await status(cookies["quynhon.nv1"])).toBe(403);
    expect(await status(cookies["lanhdao.xem"])).toBe(403);
    expect(await status(cookies["stp.giamsat"], `?agencyId=${wardA.id}`)).toBe(403);
    expect(await status(cookies["stp.giamsat"], "?agencyId=abc")).toBe(400);
    expect(await status(cookies.admin, "?agencyId=999999")).toBe(400);
    const snapshot = await t.app.inject({ method: "GET", url: "/api/board", headers: { cookie: cookies["quynhon.nv1"] } });
    expect(snapshot.statusCode).toBe(403);
  });

  it("ends the open streams when the server shuts down", async () => {
    const stream = await open(cookies["stp.giamsat"]);
    await stream.waitFor(() => true);
    const started = Date.now();
    await t.app.close();
    await stream.ended;
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
