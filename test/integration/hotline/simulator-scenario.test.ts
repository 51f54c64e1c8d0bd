// Many simulated calls at once through the real app (issue 11, part 6): 2 staff of the land registry,
// 6 callers arriving one after the other, in real time at short durations. The scenario's summary
// (what the simulated callers heard and did) must agree with the call log the app wrote.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runScenario } from "../../../server/hotline/simulator/scenario-run.js";
import { injectTransport } from "../../../server/hotline/simulator/simulated-call.js";
import { webhookSigningKey } from "../../../server/platform/twilio/signing-key.js";
import { login, startTestApp, type TestApp } from "../../helpers/app.js";
import { DEMO_ADMIN_PASSWORD, DEMO_STAFF_PASSWORD, seedDemo } from "../../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { STUB_ACCOUNT_SID, STUB_AUTH_TOKEN, startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

let t: TestApp;
let stub: TwilioRestStub;

const CALL_UPDATE = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Calls\/(CA[0-9a-f]{32})\.json$/;

beforeAll(async () => {
  // The dispatcher also moves a waiting call with Twilio's REST API; a simulated call needs no move
  // (its next turn of the wait loop is connected), so the stub only has to say yes.
  stub = await startTwilioRestStub();
  stub.handle((request) => {
    const sid = CALL_UPDATE.exec(request.path)?.[1];
    return sid && request.method === "POST" ? { status: 200, body: { sid, status: "in-progress" } } : undefined;
  });
  t = await startTestApp({ TWILIO_ACCOUNT_SID: STUB_ACCOUNT_SID, TWILIO_AUTH_TOKEN: STUB_AUTH_TOKEN, TWILIO_API_BASE_URL: stub.url });
  seedDemo(t.config.DATABASE_URL);
  await setProvinceHours(t.db, OPEN_ALL_WEEK);
  const agency = await t.db.agency.update({
    where: { code: "VPDKDD" },
    data: { queueMaxLength: 10, queueMaxWaitSeconds: 900, wrapUpSeconds: 0 },
  });
  // Everyone offline first: the scenario makes exactly its two staff available and leaves the rest.
  await t.db.user.updateMany({ where: { agencyId: agency.id }, data: { presence: "offline" } });
  t.app.callRouting.invalidate();
}, 120_000);
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

describe("a scenario of many calls", () => {
  it("queues the callers beyond the staff in order of arrival, connects them in that order, and leaves a call log that agrees", async () => {
    const key = await webhookSigningKey(t.config, t.db);
    const result = await runScenario(
      {
        db: t.db,
        transport: injectTransport(t.app),
        signingKey: key,
        baseUrl: t.config.PUBLIC_BASE_URL,
        fromNumbers: Array.from({ length: 6 }, (_, i) => `+8491200010${i}`),
      },
      {
        agencyCode: "VPDKDD",
        menuKeys: ["2", "1"],
        callers: 6,
        staff: 2,
        answerAfterSeconds: [0.2],
        // Different talk times, so the two staff free up well apart and the connections cannot cross.
        talkSeconds: [7, 9],
        pressOne: 1,
        hangUp: 1,
        decideAfterSeconds: 2.5,
        turnSeconds: 0.3,
        // Well beyond the ring time: a caller arriving while a staff member is still being rung for the
        // previous one would ring them too (they are still available until they accept).
        arrivalGapMs: 1000,
        maxWaitSeconds: 30,
      },
    );
    const c = result.callers;
    expect(c.map((x) => x.error)).toEqual(Array(6).fill(null));
    expect(c.map((x) => x.queued)).toEqual([false, false, true, true, true, true]);
    expect(c.map((x) => x.positionHeard)).toEqual([null, null, 1, 2, 3, 4]);
    expect(c.map((x) => x.action)).toEqual(["wait", "wait", "wait", "wait", "press-1", "hang-up"]);
    expect(c.map((x) => x.outcome)).toEqual(["answered", "answered", "answered", "answered", "callback", "abandoned"]);
    expect(c.map((x) => x.reachedSurvey)).toEqual([true, true, true, true, false, false]);
    // Connected in the order they arrived.
    expect(c.map((x) => x.connectionOrder)).toEqual([1, 2, 3, 4, null, null]);
    expect(c[2]?.waitedSeconds).toBeGreaterThanOrEqual(1);
    expect(result.staff.map((s) => s.answered)).toEqual([2, 2]);
    expect(result.staff.flatMap((s) => s.callers).sort()).toEqual([1, 2, 3, 4]);

    // The call log says the same.
    const calls = await Promise.all(
      c.map((x) =>
        t.db.call.findUniqueOrThrow({
          where: { callSid: x.callSid },
          include: { staff: { select: { name: true } }, callbackRequest: true, _count: { select: { surveyAnswers: true } } },
        }),
      ),
    );
    expect(calls.every((call) => call.simulated)).toBe(true);
    expect(calls.map((call) => call.queueOutcome)).toEqual([null, null, "answered", "answered", "callback", "abandoned"]);
    expect(calls.slice(0, 4).map((call) => call.termination)).toEqual(["answered", "answered", "answered", "answered"]);
    expect(calls.map((call) => call.staff?.name ?? null)).toEqual(c.map((x) => x.answeredBy));
    const answeredAt = calls.slice(0, 4).map((call) => call.answeredAt?.getTime() ?? 0);
    expect([...answeredAt].sort((a, b) => a - b)).toEqual(answeredAt);
    expect(calls[4]?.callbackRequest).not.toBeNull();
    expect(calls.filter((call) => call.callbackRequest !== null)).toHaveLength(1);
    expect(calls.map((call) => call._count.surveyAnswers > 0)).toEqual([true, true, true, true, false, false]);
    for (const [i, call] of calls.entries()) {
      if (c[i]?.waitedSeconds != null) expect(Math.abs((call.queueSeconds ?? 0) - (c[i]?.waitedSeconds ?? 0))).toBeLessThanOrEqual(1.5);
    }
  }, 60_000);

  it("starts a scenario from the console in the background, one at a time, and refuses bad input naming the field", async () => {
    const admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
    const agency = await t.db.agency.findUniqueOrThrow({ where: { code: "VPDKDD" } });
    await t.db.user.updateMany({ where: { agencyId: agency.id }, data: { presence: "offline" } });
    const payload = {
      agencyId: agency.id,
      digits: ["2", "1"],
      callers: 3,
      staff: 1,
      answerAfterSeconds: 0,
      talkSeconds: 1,
      pressOne: 0,
      hangUp: 0,
    };
    const post = (body: object, cookie = admin) =>
      t.app.inject({ method: "POST", url: "/api/simulator/scenarios", headers: { cookie }, payload: body });
    const before = await t.db.call.count({ where: { simulated: true } });
    const started = await post(payload);
    expect(started.statusCode, started.body).toBe(202);
    expect(started.json().expectedSeconds).toBeGreaterThan(0);
    expect((await post(payload)).statusCode).toBe(429);

    // The three calls run to their end in the background, the later ones after waiting their turn.
    const deadline = Date.now() + 40_000;
    let done: { queueOutcome: string | null; termination: string | null }[] = [];
    while (Date.now() < deadline) {
      done = await t.db.call.findMany({
        where: { simulated: true, status: "completed", id: { gt: 0 } },
        orderBy: { id: "asc" },
        skip: before,
        select: { queueOutcome: true, termination: true },
      });
      if (done.length === 3) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(done.map((c) => c.termination)).toEqual(["answered", "answered", "answered"]);
    expect(done.map((c) => c.queueOutcome)).toEqual([null, "answered", "answered"]);

    const agent = await login(t.app, "stp.nv1", DEMO_STAFF_PASSWORD);
    expect((await post(payload, agent)).statusCode).toBe(403);
    for (const [field, bad] of [
      ["callers", { ...payload, callers: 0 }],
      ["digits", { ...payload, digits: [] }],
      ["hangUp", { ...payload, pressOne: 2, hangUp: 2 }],
      ["agencyId", { ...payload, agencyId: 999_999 }],
      ["staff", { ...payload, staff: 10 }],
    ] as const) {
      const response = await post(bad);
      expect(response.statusCode, field).toBe(400);
      expect(Object.keys(response.json().errors ?? {}), field).toContain(field);
    }
  }, 60_000);
});
