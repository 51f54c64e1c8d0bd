// Calls the hotline places, played by the simulator's network with no Twilio account (the demo): a
// callback from the console rings the staff member's browser desk (its simulated device) first, then
// the citizen from the hotline's number, who talks until the staff member hangs up and then answers
// the survey; a warm transfer consults a staff member who answers in the browser. Every webhook is
// signed and goes through the app's own routes; the network must record no error.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { AnswerPlacedCall } from "../../../server/hotline/simulator/network/network.js";
import { createUser, login, startTestApp, type TestApp } from "../../helpers/app.js";
import { HOTLINE, insertCall } from "../../helpers/calls.js";
import { seedDemo } from "../../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { simulate } from "../../helpers/twilio.js";

let t: TestApp;
let land: { id: number };
let justice: { id: number };
let an: { id: number; cookie: string };
let binh: { id: number; cookie: string };
let demoAnswering: AnswerPlacedCall;
/** What the network was asked to call, in order: the callee and the number shown to them. */
let placed: { to: string; from: string }[] = [];

const CITIZEN = "+84912000777";

beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
  await setProvinceHours(t.db, OPEN_ALL_WEEK);
  land = await t.db.agency.findUniqueOrThrow({ where: { code: "VPDKDD" } });
  justice = await t.db.agency.update({ where: { code: "STP-HTQT" }, data: { wrapUpSeconds: 0 } });
  await t.db.user.updateMany({ where: { agencyId: { in: [land.id, justice.id] } }, data: { presence: "offline" } });
  const staff = async (username: string, agencyId: number, phone: string | null) => {
    const user = await createUser(t.db, { username, roles: ["agent"], agencyId });
    await t.db.user.update({ where: { id: user.id }, data: { phone, presence: "available", presenceSince: new Date() } });
    return { id: user.id, cookie: await login(t.app, username) };
  };
  an = await staff("sim-an", land.id, "+84905000301");
  // Bình has no phone: the browser is the only place the hotline can reach them.
  binh = await staff("sim-binh", justice.id, null);
  await t.db.user.updateMany({ where: { id: { in: [an.id, binh.id] } }, data: { answerOn: "browser" } });
  t.app.callRouting.invalidate();
  demoAnswering = t.app.simulatorNetwork.answering as AnswerPlacedCall;
}, 120_000);
afterAll(async () => {
  await t?.close();
});
beforeEach(() => {
  placed = [];
  t.app.simulatorNetwork.errors.length = 0;
  // The demo's own answering, watched: who is called, in which order, from which number.
  t.app.simulatorNetwork.answering = async (to, call) => {
    placed.push({ to, from: call.from });
    return demoAnswering(to, call);
  };
});

const api = (cookie: string, method: "GET" | "POST", url: string) => t.app.inject({ method, url, headers: { cookie } });

async function until<T>(what: string, check: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    const value = await check();
    if (value) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe("a callback placed from the console with the simulator", () => {
  it("rings the staff member's browser desk first, then the citizen from the hotline's number; the attempt, recording and survey land on the request", async () => {
    const call = await insertCall(t.db, { caller: CITIZEN, hotline: HOTLINE, agencyId: land.id, topic: "dat_dai", status: "completed" });
    const request = await t.db.callbackRequest.create({ data: { agencyId: land.id, phone: CITIZEN, callId: call.id, dueAt: new Date() } });
    expect((await api(an.cookie, "POST", "/api/simulator/desk/device")).statusCode).toBe(200);

    const started = await api(an.cookie, "POST", `/api/callback-requests/${request.id}/call`);
    expect(started.statusCode, started.body).toBe(200);
    const attemptId = started.json().attempts[0].id as number;
    const attempt = await t.db.callbackAttempt.findUniqueOrThrow({ where: { id: attemptId } });
    // No Twilio account here: the callback is simulated.
    expect(attempt.simulated).toBe(true);

    // The desk's softphone rings; the staff member accepts in the console.
    const accepted = await api(an.cookie, "POST", `/api/simulator/desk/callbacks/${attemptId}/accept`);
    expect(accepted.statusCode, accepted.body).toBe(200);
    await until("the citizen in the conversation", async () => {
      const now = await t.db.callbackAttempt.findUniqueOrThrow({ where: { id: attemptId } });
      return now.state === "connected";
    });
    // The staff member first, then the citizen; both see the hotline's number.
    expect(placed).toEqual([
      { to: `client:staff-${an.id}`, from: HOTLINE },
      { to: CITIZEN, from: HOTLINE },
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const hungUp = await api(an.cookie, "POST", `/api/simulator/desk/callbacks/${attemptId}/hangup`);
    expect(hungUp.statusCode, hungUp.body).toBe(200);

    const citizenCallId = await until("the citizen's call over, survey answered", async () => {
      const now = await t.db.callbackAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { call: true } });
      return now.call?.endedAt ? now.call.id : null;
    });
    const done = (await api(an.cookie, "GET", `/api/callback-requests/${request.id}`)).json();
    expect(done).toMatchObject({ status: "called_back" });
    expect(done.attempts[0]).toMatchObject({ state: "ended", outcome: "reached", callId: citizenCallId });
    expect(done.attempts[0].durationSeconds).toBeGreaterThanOrEqual(1);
    const logged = (await api(an.cookie, "GET", `/api/calls/${citizenCallId}`)).json();
    expect(logged).toMatchObject({ staffId: an.id, agencyId: land.id, termination: "answered", hotline: HOTLINE, caller: CITIZEN });
    expect(logged.recordings).toHaveLength(1);
    expect(logged.surveyAnswers.map((a: { value: number }) => a.value)).toEqual([1, 1]);
    expect(t.app.simulatorNetwork.errors).toEqual([]);
  }, 60_000);

  it("plays a staff member on a phone as the demo does: they answer, press 1, talk a few seconds and hang up", async () => {
    await t.db.user.update({ where: { id: an.id }, data: { answerOn: "phone", presence: "available" } });
    const call = await insertCall(t.db, { caller: CITIZEN, hotline: HOTLINE, agencyId: land.id, status: "completed" });
    const request = await t.db.callbackRequest.create({ data: { agencyId: land.id, phone: CITIZEN, callId: call.id, dueAt: new Date() } });
    const started = await api(an.cookie, "POST", `/api/callback-requests/${request.id}/call`);
    expect(started.statusCode, started.body).toBe(200);
    const attemptId = started.json().attempts[0].id as number;
    const ended = await until("the callback over", async () => {
      const now = await t.db.callbackAttempt.findUniqueOrThrow({ where: { id: attemptId }, include: { call: true } });
      return now.call?.endedAt ? now : null;
    });
    expect(placed).toEqual([
      { to: "+84905000301", from: HOTLINE },
      { to: CITIZEN, from: HOTLINE },
    ]);
    expect(ended).toMatchObject({ outcome: "reached" });
    expect(await t.db.surveyAnswer.count({ where: { callId: ended.callId ?? 0 } })).toBe(2);
    expect(t.app.simulatorNetwork.errors).toEqual([]);
    await t.db.user.update({ where: { id: an.id }, data: { answerOn: "browser" } });
  }, 60_000);
});

describe("a warm transfer to a staff member who answers in the browser", () => {
  it("rings Bình's browser desk; Bình accepts in the console and joins the conference; the survey after Bình counts for the justice unit", async () => {
    expect((await api(binh.cookie, "POST", "/api/simulator/desk/device")).statusCode).toBe(200);
    // An may still be in after-call work from the callback above.
    await t.db.user.update({ where: { id: an.id }, data: { presence: "available" } });
    t.app.callRouting.invalidate();
    const statuses: Record<string, number> = {};
    const result = await simulate(t.app, t.config, t.db, {
      digits: ["2", "1", "1", "1"],
      // An's desk is played by the script here (no device of An's in this call's clients).
      staffPart: async () => ({
        answer: true,
        talk: async (leg) => {
          const { id } = await t.db.call.findUniqueOrThrow({ where: { callSid: leg.callSid }, select: { id: true } });
          const act = (what: string, payload?: Record<string, unknown>) =>
            t.app.inject({
              method: "POST",
              url: `/api/desk/calls/${id}/${what}`,
              headers: { cookie: an.cookie },
              ...(payload ? { payload } : {}),
            });
          statuses.transfer = (await act("transfer", { agencyId: justice.id, reason: "Hỏi về chứng thực", mode: "warm" })).statusCode;
          // Bình's desk shows the call ringing (the screen-pop comes before the answer), then the call they are on.
          await until("the offer on Bình's desk", async () =>
            (await api(binh.cookie, "GET", "/api/desk/offers")).json().some((o: { callId: number }) => o.callId === id),
          );
          statuses.context = (await api(binh.cookie, "GET", `/api/desk/calls/${id}/context`)).statusCode;
          statuses.accept = (await api(binh.cookie, "POST", `/api/simulator/desk/calls/${id}/accept`)).statusCode;
          await until("Bình in the conference", async () =>
            t.db.callLeg.findFirst({ where: { callId: id, staffId: binh.id, role: "consult", answeredAt: { not: null }, endedAt: null } }),
          );
          await until("the caller in the conference", async () => {
            const bridge = (await t.db.call.findUniqueOrThrow({ where: { id }, select: { bridge: true } })).bridge as {
              callerJoined?: boolean;
            } | null;
            return bridge?.callerJoined === true;
          });
          statuses.current = (await api(binh.cookie, "GET", "/api/desk/current")).json().current?.callId === id ? 200 : 0;
          statuses.join = (await act("join")).statusCode;
          statuses.handover = (await act("handover")).statusCode;
          statuses.hangup = (await api(binh.cookie, "POST", `/api/simulator/desk/calls/${id}/hangup`)).statusCode;
          return new Promise<number>(() => {});
        },
      }),
    });
    expect(statuses).toEqual({ transfer: 200, context: 200, accept: 200, current: 200, join: 200, handover: 200, hangup: 200 });
    expect(placed.map((p) => p.to)).toEqual([`client:staff-${binh.id}`]);
    expect(t.app.simulatorNetwork.errors).toEqual([]);
    expect(result.steps.every((s) => s.type !== "request" || s.status < 400)).toBe(true);
    const call = await t.db.call.findUniqueOrThrow({
      where: { callSid: result.callSid },
      include: { legs: { orderBy: { id: "asc" } }, surveyAnswers: true },
    });
    expect(call.surveyAnswers).toHaveLength(2);
    expect(call.staffId).toBe(binh.id);
    expect(call.agencyId).toBe(justice.id);
    expect(call.legs.map((l) => [l.staffId, l.role, l.transfer])).toEqual([
      [an.id, "answer", null],
      [binh.id, "consult", "warm"],
    ]);
  }, 60_000);
});
