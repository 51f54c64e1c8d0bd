// Issue 11's acceptance scenario through the real app: 2 staff, 6 callers. Signed webhooks follow the
// TwiML; Twilio's REST API (moving a waiting call to be connected) is a local stub; the sweep and the
// dispatcher run as in production. The call log API is read at each step.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Board } from "../../../server/contract/hotline/board.js";
import { parseXml } from "../../../server/hotline/simulator/xml.js";
import { login, startTestApp, type TestApp } from "../../helpers/app.js";
import { HOTLINE, insertCall } from "../../helpers/calls.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { type Caller, phoneCaller } from "../../helpers/phone-caller.js";
import { signedPost, simulate } from "../../helpers/twilio.js";
import { STUB_ACCOUNT_SID, STUB_AUTH_TOKEN, startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

let t: TestApp;
let stub: TwilioRestStub;
let admin: string;
let staff: { id: number; phone: string }[];
let agencyId: number;

const CALL_UPDATE = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Calls\/(CA[0-9a-f]{32})\.json$/;

beforeAll(async () => {
  stub = await startTwilioRestStub();
  stub.handle((request) => {
    const sid = CALL_UPDATE.exec(request.path)?.[1];
    return sid && request.method === "POST" ? { status: 200, body: { sid, status: "in-progress" } } : undefined;
  });
  t = await startTestApp({ TWILIO_ACCOUNT_SID: STUB_ACCOUNT_SID, TWILIO_AUTH_TOKEN: STUB_AUTH_TOKEN, TWILIO_API_BASE_URL: stub.url });
  seedDemo(t.config.DATABASE_URL);
  await setProvinceHours(t.db, OPEN_ALL_WEEK);
  admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);

  // The land registry (menu 2, 1) with exactly two staff members on duty, the first available longest.
  const agency = await t.db.agency.update({
    where: { code: "VPDKDD" },
    data: { queueMaxLength: 10, queueMaxWaitSeconds: 900, wrapUpSeconds: 0 },
  });
  agencyId = agency.id;
  await t.db.user.updateMany({ where: { agencyId }, data: { presence: "offline" } });
  const roles = ["agent" as const];
  staff = [];
  for (const [i, name] of ["Cán bộ An", "Cán bộ Bình"].entries()) {
    const phone = `+8490500000${i + 1}`;
    const user = await t.db.user.create({
      data: {
        username: `queue-staff-${i}`,
        name,
        roles,
        agencyId,
        phone,
        presence: "available",
        presenceSince: new Date(Date.now() - (10 - i) * 60_000),
        passwordHash: "x",
      },
    });
    staff.push({ id: user.id, phone });
  }
  t.app.callRouting.invalidate();
}, 120_000);
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

const callOf = async (caller: Caller) => {
  const row = await t.db.call.findUniqueOrThrow({ where: { callSid: caller.callSid }, select: { id: true } });
  const response = await t.app.inject({ method: "GET", url: `/api/calls/${row.id}`, headers: { cookie: admin } });
  expect(response.statusCode).toBe(200);
  return response.json() as {
    id: number;
    queueSeconds: number | null;
    queueOutcome: string | null;
    termination: string | null;
    staffId: number | null;
  };
};
/** The supervisors' live board of the agency, as the console receives it (the stream sends the same). */
const board = async () => {
  const response = await t.app.inject({ method: "GET", url: `/api/board?agencyId=${agencyId}`, headers: { cookie: admin } });
  expect(response.statusCode).toBe(200);
  return response.json() as Board;
};
const waitingOnBoard = async () => (await board()).waiting.map((w) => w.entryId);
/** The callers' queue entries, in the callers' order. */
const entriesOf = async (callers: Caller[]) => {
  const entries = await t.db.queueEntry.findMany({ where: { agencyId }, select: { id: true, call: { select: { callSid: true } } } });
  return callers.map((c) => entries.find((e) => e.call.callSid === c.callSid)?.id);
};

const dialled = (caller: Caller) => caller.twiml.children.find((c) => c.name === "Dial")?.children.map((n) => n.text.trim()) ?? [];
const position = (caller: Caller) => {
  const said = caller.heard().find((text) => text.includes("vị trí số"));
  return said ? Number(/vị trí số (\d+)/.exec(said)?.[1]) : null;
};

/** The dispatcher moved this call through Twilio's REST API: the connect URL it gave, as Twilio fetches it. */
async function movedByTwilio(caller: Caller): Promise<string> {
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const update = stub.requests.find((r) => r.path.endsWith(`/Calls/${caller.callSid}.json`));
    if (update) {
      expect(update.body.Method).toBe("POST");
      return update.body.Url as string;
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`the call ${caller.callSid} was never moved`);
}

async function toRoute(caller: Caller) {
  await caller.press("2");
  return caller.press("1");
}

describe("two staff, six callers", () => {
  it("connects two, queues four in order, turns one into a callback in its place, records one abandoned, and connects the rest as staff free up", async () => {
    const callers = Array.from({ length: 6 }, (_, i) => phoneCaller(t.app, t.config, t.db, `+8491200000${i}`, HOTLINE));
    const [c1, c2, c3, c4, c5, c6] = callers as [Caller, Caller, Caller, Caller, Caller, Caller];
    // All six are in the menus at once.
    await Promise.all(callers.map((c) => c.call()));

    // The first two are rung and answered; An, available longest, takes the first.
    await toRoute(c1);
    expect(dialled(c1)).toEqual([staff[0]?.phone, staff[1]?.phone]);
    expect((await c1.staffAccepts(0)).children.map((c) => c.name)).toEqual(["Say"]);
    await toRoute(c2);
    expect(dialled(c2)).toEqual([staff[1]?.phone]);
    await c2.staffAccepts(0);

    // The other four wait, in the order they reached the route, each hearing their place.
    for (const c of [c3, c4, c5, c6]) {
      await toRoute(c);
      expect(c.heard().join(" ")).toContain("giữ máy");
      expect(dialled(c)).toEqual([]);
    }
    for (const [i, c] of [c3, c4, c5, c6].entries()) {
      const turn = await c.redirect();
      expect(position(c)).toBe(i + 1);
      // A retried turn gets the same answer and is recorded once.
      expect(parseXml(await c.retry())).toEqual(turn);
      expect(c.heard().join(" ")).toContain("bấm phím 1 để được gọi lại");
      expect(c.heard().at(-1)).toBe(`${t.config.PUBLIC_BASE_URL}/audio/hold-music.wav`);
      expect(await callOf(c)).toMatchObject({ queueOutcome: null, staffId: null });
    }
    // The board shows the same line, longest waiting first, and both staff on a call.
    expect(await waitingOnBoard()).toEqual(await entriesOf([c3, c4, c5, c6]));
    expect((await board()).staffCounts).toMatchObject({ on_call: 2 });
    const turns = await t.db.callEvent.count({ where: { call: { callSid: c3.callSid }, kind: "queue" } });
    expect(turns).toBe(1);
    const music = await t.app.inject({ method: "GET", url: "/audio/hold-music.wav" });
    expect(music.statusCode).toBe(200);
    expect(music.headers["content-type"]).toBe("audio/wav");

    // An older request (a voicemail left after c5 joined the line) is overtaken by c5's callback.
    const older = await t.db.callbackRequest.create({ data: { agencyId, phone: "+84912999999", dueAt: new Date(Date.now() + 3_600_000) } });
    await new Promise((resolve) => setTimeout(resolve, 1100));
    await c5.press("1");
    expect(c5.heard().join(" ")).toContain("đã ghi nhận yêu cầu gọi lại");
    expect(c5.twiml.children.at(-1)?.name).toBe("Hangup");
    await c5.hangUp();
    const callbacks = await t.app.inject({
      method: "GET",
      url: "/api/callback-requests?filter=%7B%22status%22%3A%22open%22%7D",
      headers: { cookie: admin },
    });
    const order = (callbacks.json() as { id: number; callId: number | null }[]).map((r) => r.callId ?? `older-${r.id}`);
    const c5Call = await callOf(c5);
    expect(order.indexOf(c5Call.id)).toBeLessThan(order.indexOf(`older-${older.id}`));
    expect(c5Call).toMatchObject({ queueOutcome: "callback" });
    expect(c5Call.queueSeconds).toBeGreaterThanOrEqual(1);
    // The others move up.
    await c6.redirect();
    expect(position(c6)).toBe(3);

    // c6 hangs up while waiting: abandoned, with the time waited.
    await c6.hangUp();
    const c6Call = await callOf(c6);
    expect(c6Call.queueOutcome).toBe("abandoned");
    expect(c6Call.queueSeconds).toBeGreaterThanOrEqual(1);
    expect(await waitingOnBoard()).toEqual(await entriesOf([c3, c4]));
    expect((await board()).today).toMatchObject({ abandoned: 1 });

    // Bình ends the call with c2 first: c2 hears the survey; the longest waiting caller, c3, goes to Bình.
    expect((await c2.dialEnds("completed")).children.find((c) => c.name === "Gather")).toBeDefined();
    expect(c2.heard().join(" ")).toContain("Rất hài lòng");
    const connect3 = await movedByTwilio(c3);
    expect(connect3).toMatch(/\/twilio\/voice\/queue\/connect\?entry=\d+$/);
    await c3.fetch(connect3);
    expect(dialled(c3)).toEqual([staff[1]?.phone]);
    expect(stub.requests.some((r) => r.path.endsWith(`/Calls/${c4.callSid}.json`))).toBe(false);
    await c4.redirect();
    expect(position(c4)).toBe(1);
    await c3.staffAccepts(0);
    expect(await callOf(c3)).toMatchObject({ queueOutcome: null, staffId: staff[1]?.id });

    // An ends with c1: c4 goes to An.
    await c1.dialEnds("completed");
    expect(c1.heard().join(" ")).toContain("Rất hài lòng");
    await c4.fetch(await movedByTwilio(c4));
    expect(dialled(c4)).toEqual([staff[0]?.phone]);
    await c4.staffAccepts(0);

    // Both talk and hang up; every answered caller reaches the survey and answers it.
    for (const c of [c3, c4]) {
      await c.dialEnds("completed");
      expect(c.heard().join(" ")).toContain("Rất hài lòng");
    }
    for (const c of [c1, c2, c3, c4]) {
      await c.press("1");
      await c.press("1");
      expect(c.twiml.children.at(-1)?.name).toBe("Hangup");
      await c.hangUp();
    }
    const answered = await Promise.all([c1, c2, c3, c4].map(callOf));
    expect(answered.map((c) => c.termination)).toEqual(["answered", "answered", "answered", "answered"]);
    expect(answered.map((c) => c.staffId)).toEqual([staff[0]?.id, staff[1]?.id, staff[1]?.id, staff[0]?.id]);
    expect(answered.map((c) => c.queueOutcome)).toEqual([null, null, "answered", "answered"]);
    expect(answered[2]?.queueSeconds).toBeGreaterThanOrEqual(1);
    const surveys = await t.db.surveyAnswer.count({ where: { callId: { in: answered.map((c) => c.id) }, question: "satisfaction" } });
    expect(surveys).toBe(4);
    // Nobody waits any more, and both staff are free.
    expect(await t.db.queueEntry.count({ where: { agencyId, outcome: "waiting" } })).toBe(0);
    const after = await board();
    expect(after.waiting).toEqual([]);
    expect(after.today).toMatchObject({ calls: 6, answered: 4, abandoned: 1 });
    expect(after.staffCounts).toMatchObject({ available: 2 });
    expect((await t.db.user.findMany({ where: { id: { in: staff.map((s) => s.id) } } })).map((u) => u.presence)).toEqual([
      "available",
      "available",
    ]);
  }, 60_000);
});

describe("the call simulator", () => {
  it("follows the wait loop of a queued call until the sweep connects it, with no REST request, and reaches the survey", async () => {
    // Both staff busy with other calls; one frees up a moment after the simulated caller joined the line.
    await t.db.user.updateMany({ where: { id: { in: staff.map((s) => s.id) } }, data: { presence: "on_call" } });
    t.app.callRouting.invalidate();
    const before = stub.requests.length;
    const freeing = new Promise<void>((resolve) =>
      setTimeout(async () => {
        await t.db.user.update({ where: { id: staff[0]?.id }, data: { presence: "available", presenceSince: new Date() } });
        resolve();
      }, 600),
    );
    const { callSid, steps } = await simulate(t.app, t.config, t.db, { digits: ["2", "1", "1", "1"], queueTurnMs: 200 });
    await freeing;

    const heard = steps.flatMap((s) => (s.type === "say" ? [s.text] : []));
    expect(heard.some((text) => text.includes("vị trí số 1"))).toBe(true);
    expect(steps.filter((s) => s.type === "play").length).toBeGreaterThan(0);
    expect(steps.find((s) => s.type === "dial")).toEqual({ type: "dial", targets: [staff[0]?.phone] });
    expect(heard.some((text) => text.includes("Rất hài lòng"))).toBe(true);
    expect(stub.requests.length).toBe(before);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { surveyAnswers: true } });
    expect(call).toMatchObject({ simulated: true, termination: "answered", staffId: staff[0]?.id, queueOutcome: "answered" });
    expect(call.surveyAnswers).toHaveLength(2);
  }, 30_000);

  it("presses 1 while waiting to leave a callback request", async () => {
    await t.db.user.updateMany({ where: { id: { in: staff.map((s) => s.id) } }, data: { presence: "on_call" } });
    t.app.callRouting.invalidate();
    const { callSid, steps } = await simulate(t.app, t.config, t.db, { digits: ["2", "1"], queueDigits: ["", "1"], queueTurnMs: 50 });
    // The server ends the call after the confirmation (the simulator then posts the final status).
    expect(steps.filter((s) => s.type === "hangup")).toEqual([{ type: "hangup", by: "server" }]);
    expect(steps.flatMap((s) => (s.type === "say" ? [s.text] : [])).at(-1)).toContain("đã ghi nhận yêu cầu gọi lại");
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { callbackRequest: true, queueEntries: true } });
    expect(call.queueOutcome).toBe("callback");
    expect(call.callbackRequest?.placedAt.getTime()).toBe(call.queueEntries[0]?.enqueuedAt.getTime());
  }, 30_000);
});

describe("the queue's webhooks", () => {
  it("refuse a connect for another call's entry, bad input and unsigned requests", async () => {
    const waiting = await insertCall(t.db, { status: "in-progress" });
    const entry = await t.db.queueEntry.create({ data: { callId: waiting.id, agencyId }, include: { call: true } });
    const other = `CA${"b".repeat(32)}`;
    const wrong = await signedPost(t.app, t.config, t.db, `/twilio/voice/queue/connect?entry=${entry.id}`, { CallSid: other });
    expect(wrong.status).toBe(404);
    expect(wrong.body).toContain("entry");
    const bad = await signedPost(t.app, t.config, t.db, "/twilio/voice/queue/connect?entry=abc", { CallSid: other });
    expect(bad.status).toBe(400);
    expect(bad.body).toContain("entry");
    const noStep = await signedPost(t.app, t.config, t.db, "/twilio/voice/queue/wait", { CallSid: entry.call.callSid });
    expect(noStep.status).toBe(400);
    const unsigned = await t.app.inject({
      method: "POST",
      url: "/twilio/voice/queue/wait?s=3",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: `CallSid=${entry.call.callSid}`,
    });
    expect(unsigned.statusCode).toBe(403);
  });
});
