// Cold transfer from the desk (issue 12), through the real app: the simulator plays the caller and
// both staff members, every webhook signed; the desk API moves the simulated call through the
// simulator's network as Twilio's REST API would move a real one. A real (non-simulated) call is
// moved through Twilio's REST API, here the local stub, and the requests are checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml } from "../../../server/hotline/simulator/xml.js";
import { createUser, login, startTestApp, type TestApp } from "../../helpers/app.js";
import { HOTLINE } from "../../helpers/calls.js";
import { seedDemo } from "../../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { phoneCaller } from "../../helpers/phone-caller.js";
import { signedPost, simulate } from "../../helpers/twilio.js";
import { STUB_ACCOUNT_SID, STUB_AUTH_TOKEN, startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

let t: TestApp;
let stub: TwilioRestStub;
let land: { id: number };
let justice: { id: number; name: string };
let an: { id: number; phone: string; cookie: string };
let binh: { id: number; phone: string; cookie: string };

const PARTICIPANT = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Conferences\/(CF[0-9a-f]{32})\/Participants\/(CA[0-9a-f]{32})\.json$/;
const PLACED_SID = `CA${"b2".repeat(16)}`;
const CONFERENCE_SID = `CF${"c3".repeat(16)}`;
const CALL_UPDATE = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Calls\/(CA[0-9a-f]{32})\.json$/;

async function staffOf(agencyId: number, username: string, phone: string) {
  await t.db.user.updateMany({ where: { agencyId }, data: { presence: "offline" } });
  const user = await createUser(t.db, { username, roles: ["agent"], agencyId });
  await t.db.user.update({ where: { id: user.id }, data: { phone, presence: "available", presenceSince: new Date() } });
  return { id: user.id, phone, cookie: await login(t.app, username) };
}

beforeAll(async () => {
  stub = await startTwilioRestStub();
  stub.handle((request) => {
    if (request.method !== "POST") return undefined;
    const sid = CALL_UPDATE.exec(request.path)?.[1];
    if (sid) return { status: 200, body: { sid, status: "in-progress" } };
    if (request.path.endsWith("/Calls.json")) return { status: 201, body: { sid: PLACED_SID, status: "queued" } };
    const participant = PARTICIPANT.exec(request.path);
    if (participant) return { status: 200, body: { call_sid: participant[2], conference_sid: participant[1] } };
    return undefined;
  });
  t = await startTestApp({ TWILIO_ACCOUNT_SID: STUB_ACCOUNT_SID, TWILIO_AUTH_TOKEN: STUB_AUTH_TOKEN, TWILIO_API_BASE_URL: stub.url });
  seedDemo(t.config.DATABASE_URL);
  await setProvinceHours(t.db, OPEN_ALL_WEEK);
  // The land registry (menu 2, 1) and the justice department's unit, one staff member each, no wrap-up.
  land = await t.db.agency.update({ where: { code: "VPDKDD" }, data: { wrapUpSeconds: 30 } });
  justice = await t.db.agency.update({ where: { code: "STP-HTQT" }, data: { wrapUpSeconds: 0 } });
  an = await staffOf(land.id, "desk-an", "+84905000101");
  binh = await staffOf(justice.id, "desk-binh", "+84905000102");
  t.app.callRouting.invalidate();
}, 120_000);
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

const transfer = (callId: number, cookie: string, body: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: `/api/desk/calls/${callId}/transfer`, headers: { cookie }, payload: body });

describe("cold transfer", () => {
  it("moves the caller to the other agency's staff; the survey after them counts for that agency; legs, timeline and presence show it", async () => {
    const rung: string[][] = [];
    const answers: number[] = [];
    const result = await simulate(t.app, t.config, t.db, {
      // The menu to the land registry, then the survey's two questions.
      digits: ["2", "1", "1", "1"],
      staffPart: async (targets) => {
        rung.push(targets);
        if (rung.length === 1) {
          return {
            answer: true,
            talk: async (leg) => {
              const call = await t.db.call.findUniqueOrThrow({ where: { callSid: leg.callSid }, select: { id: true } });
              const response = await transfer(call.id, an.cookie, { agencyId: justice.id, reason: "Hỏi về chứng thực", mode: "cold" });
              answers.push(response.statusCode);
              // The server ends this leg: the talk never ends on its own.
              return new Promise<number>(() => {});
            },
          };
        }
        return { answer: true, talk: async () => 40 };
      },
    });
    expect(answers).toEqual([200]);
    expect(rung).toEqual([[an.phone], [binh.phone]]);
    // No webhook answered an error, and the caller heard where they were going.
    const requests = result.steps.filter((s) => s.type === "request");
    expect(requests.every((s) => s.type === "request" && s.status < 400)).toBe(true);
    const said = result.steps.flatMap((s) => (s.type === "say" ? [s.text] : []));
    expect(said.some((text) => text.includes(`chuyển đến ${justice.name}`))).toBe(true);

    const call = await t.db.call.findUniqueOrThrow({
      where: { callSid: result.callSid },
      include: { legs: { orderBy: { id: "asc" } }, surveyAnswers: true },
    });
    // The survey ran after Bình hung up and counts for the justice unit, who answered last.
    expect(call.surveyAnswers).toHaveLength(2);
    expect(call.agencyId).toBe(justice.id);
    expect(call.staffId).toBe(binh.id);
    expect(call.termination).toBe("answered");
    // Both legs, who passed the call to whom and why.
    expect(call.legs.map((l) => [l.staffId, l.agencyId, l.role, l.transfer])).toEqual([
      [an.id, land.id, "answer", null],
      [binh.id, justice.id, "answer", "cold"],
    ]);
    expect(call.legs[1]?.fromLegId).toBe(call.legs[0]?.id);
    expect(call.legs[1]?.reason).toBe("Hỏi về chứng thực");
    expect(call.legs.every((l) => l.answeredAt && l.endedAt)).toBe(true);
    // An is in after-call work (the land registry's 30 s), Bình is free again.
    const [anNow, binhNow] = await Promise.all([
      t.db.user.findUniqueOrThrow({ where: { id: an.id } }),
      t.db.user.findUniqueOrThrow({ where: { id: binh.id } }),
    ]);
    expect(anNow.presence).toBe("wrap_up");
    expect(binhNow.presence).toBe("available");
    // Audited, and on the call's timeline.
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { resource: "calls", action: "transfer", resourceId: String(call.id) } });
    expect(audit.actorId).toBe(an.id);
    const admin = await login(t.app, "admin", (await import("../../helpers/demo.js")).DEMO_ADMIN_PASSWORD);
    const shown = await t.app.inject({ method: "GET", url: `/api/calls/${call.id}`, headers: { cookie: admin } });
    expect(shown.statusCode).toBe(200);
    const body = shown.json() as { legs: { staffName: string | null; transfer: string | null }[]; timeline: { type: string }[] };
    expect(body.legs.map((l) => l.transfer)).toEqual([null, "cold"]);
    expect(body.timeline.some((item) => item.type === "transferred")).toBe(true);
    await t.db.user.update({ where: { id: an.id }, data: { presence: "available" } });
  }, 60_000);

  it("moves a real call through Twilio's REST API: the call's URL is updated with the transfer webhook", async () => {
    t.app.callRouting.invalidate();
    const caller = phoneCaller(t.app, t.config, t.db, "+84912000111", HOTLINE);
    await caller.call();
    await caller.press("2");
    await caller.press("1");
    await caller.staffAccepts(0);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: caller.callSid }, select: { id: true } });
    const response = await transfer(call.id, an.cookie, { agencyId: justice.id, reason: "Sai cơ quan", mode: "cold" });
    expect(response.statusCode).toBe(200);
    const update = stub.requests.find((r) => r.path.endsWith(`/Calls/${caller.callSid}.json`));
    expect(update?.path).toBe(`/2010-04-01/Accounts/${STUB_ACCOUNT_SID}/Calls/${caller.callSid}.json`);
    expect(update?.body.Method).toBe("POST");
    const url = new URL(update?.body.Url ?? "");
    expect(url.pathname).toBe("/twilio/voice/transfer");
    // Twilio fetches it: the caller hears the transfer and Bình is rung; a retry gets the same answer.
    const twiml = await caller.fetch(update?.body.Url ?? "");
    expect(caller.heard().join(" ")).toContain(justice.name);
    expect(twiml.children.find((c) => c.name === "Dial")?.children.map((c) => c.text.trim())).toEqual([binh.phone]);
    expect(await caller.retry()).toContain(binh.phone);
    // A second transfer of a call no longer An's is refused.
    const again = await transfer(call.id, an.cookie, { agencyId: justice.id, reason: "lần nữa", mode: "cold" });
    expect(again.statusCode).toBe(403);
    await caller.staffAccepts(0);
    await caller.dialEnds("completed", 20);
    await caller.hangUp();
    const legs = await t.db.callLeg.findMany({ where: { callId: call.id }, orderBy: { id: "asc" } });
    expect(legs.map((l) => l.staffId)).toEqual([an.id, binh.id]);
    await t.db.user.updateMany({ where: { id: { in: [an.id, binh.id] } }, data: { presence: "available" } });
  }, 60_000);

  it("refuses bad input naming the field, and calls not in a state to transfer", async () => {
    const bad = [
      [{ agencyId: justice.id, reason: "", mode: "cold" }, 400],
      [{ agencyId: justice.id, reason: "   ", mode: "cold" }, 400],
      [{ agencyId: 99_999_999, reason: "x", mode: "cold" }, 400],
      [{ agencyId: justice.id, reason: "x", mode: "sideways" }, 400],
      [{ agencyId: "1\u0000", reason: "x", mode: "cold" }, 400],
      [{ agencyId: justice.id, reason: "x".repeat(5000), mode: "cold" }, 400],
    ] as const;
    const ended = await t.db.call.findFirstOrThrow({ where: { endedAt: { not: null } }, select: { id: true } });
    for (const [body, status] of bad) {
      const response = await transfer(ended.id, an.cookie, body);
      expect(response.statusCode, JSON.stringify(body).slice(0, 80)).toBe(status);
    }
    expect((await transfer(ended.id, an.cookie, { agencyId: 99_999_999, reason: "x", mode: "cold" })).json().errors).toHaveProperty(
      "agencyId",
    );
    expect((await transfer(ended.id, an.cookie, { agencyId: justice.id, reason: "x", mode: "cold" })).statusCode).toBe(409);
    expect((await transfer(999_999, an.cookie, { agencyId: justice.id, reason: "x", mode: "cold" })).statusCode).toBe(404);
    const anonymous = await t.app.inject({
      method: "POST",
      url: `/api/desk/calls/${ended.id}/transfer`,
      payload: { agencyId: justice.id, reason: "x", mode: "cold" },
    });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe("the REST boundary for a real call", () => {
  it("lifts into the conference, holds the caller as a participant and places the consult call, with Twilio's paths and parameters", async () => {
    await t.db.user.updateMany({ where: { id: { in: [an.id, binh.id] } }, data: { presence: "available" } });
    t.app.callRouting.invalidate();
    const caller = phoneCaller(t.app, t.config, t.db, "+84912000222", HOTLINE);
    await caller.call();
    await caller.press("2");
    await caller.press("1");
    await caller.staffAccepts(0);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: caller.callSid }, include: { legs: true } });
    const staffLeg = call.legs[0]?.callSid ?? "";
    const base = `/2010-04-01/Accounts/${STUB_ACCOUNT_SID}`;
    const before = stub.requests.length;
    const sent = () => stub.requests.slice(before);

    // Hold: An's leg (the Dial's child) is redirected into the conference.
    expect(
      (await t.app.inject({ method: "POST", url: `/api/desk/calls/${call.id}/hold`, headers: { cookie: an.cookie } })).statusCode,
    ).toBe(200);
    const lift = sent().find((r) => r.path === `${base}/Calls/${staffLeg}.json`);
    expect(new URL(lift?.body.Url ?? "").pathname).toBe("/twilio/voice/bridge/join");
    expect(lift?.body.Method).toBe("POST");
    const staffTwiml = parseXml(
      (
        await signedPost(t.app, t.config, t.db, new URL(lift?.body.Url ?? "").pathname + new URL(lift?.body.Url ?? "").search, {
          CallSid: staffLeg,
          CallStatus: "in-progress",
        })
      ).body,
    );
    const staffRoom = staffTwiml.children[0]?.children[0];
    expect([staffRoom?.name, staffRoom?.text, staffRoom?.attributes.endConferenceOnExit]).toEqual([
      "Conference",
      `call-${call.id}`,
      "true",
    ]);

    // The caller's Dial ends: its action sends them into the same conference, recorded, with the survey after it.
    const room = (await caller.dialEnds("completed", 30)).children[0];
    expect(room?.name).toBe("Dial");
    expect(new URL(room?.attributes.action ?? "").searchParams.get("c")).toBe("1");
    const conference = room?.children[0];
    expect([conference?.name, conference?.text, conference?.attributes.endConferenceOnExit, conference?.attributes.record]).toEqual([
      "Conference",
      `call-${call.id}`,
      "true",
      "record-from-start",
    ]);
    // A retry of that action gets the same TwiML.
    expect(parseXml(await caller.retry())).toEqual(caller.twiml);

    // Twilio's conference events: the caller joins, and the hold asked for is applied to them as a participant.
    const status = new URL(conference?.attributes.statusCallback ?? "");
    const event = (StatusCallbackEvent: string, CallSid: string) =>
      signedPost(t.app, t.config, t.db, status.pathname + status.search, {
        ConferenceSid: CONFERENCE_SID,
        FriendlyName: `call-${call.id}`,
        StatusCallbackEvent,
        CallSid,
      });
    expect((await event("participant-join", staffLeg)).status).toBe(204);
    expect((await event("participant-join", caller.callSid)).status).toBe(204);
    const hold = sent().find((r) => r.path === `${base}/Conferences/${CONFERENCE_SID}/Participants/${caller.callSid}.json`);
    expect(hold?.body).toMatchObject({ Hold: "true", HoldMethod: "GET" });
    expect(hold?.body.HoldUrl).toMatch(/\/audio\/hold-music\.wav$/);

    // Warm transfer: the consult call is placed from the hotline's number to Bình's phone.
    const warm = await transfer(call.id, an.cookie, { agencyId: justice.id, reason: "Cần tư vấn", mode: "warm" });
    expect(warm.statusCode).toBe(200);
    const placed = sent().find((r) => r.path === `${base}/Calls.json`);
    expect(placed?.body).toMatchObject({ To: binh.phone, From: HOTLINE, Method: "POST", Timeout: "20" });
    expect(new URL(placed?.body.Url ?? "").pathname).toBe("/twilio/voice/bridge/offer");
    expect(new URL(placed?.body.StatusCallback ?? "").pathname).toBe("/twilio/voice/bridge/leg-status");
    const consult = await t.db.callLeg.findFirstOrThrow({ where: { callId: call.id, role: "consult" } });
    expect([consult.callSid, consult.staffId, consult.transfer]).toEqual([PLACED_SID, binh.id, "warm"]);

    // Every request carried the account's credentials.
    expect(sent().every((r) => r.authorization?.startsWith("Basic "))).toBe(true);
    // Nobody answers: the consult leg ends, and hanging up ends the call's legs.
    expect(
      (
        await signedPost(
          t.app,
          t.config,
          t.db,
          new URL(placed?.body.StatusCallback ?? "").pathname + new URL(placed?.body.StatusCallback ?? "").search,
          { CallSid: PLACED_SID, CallStatus: "no-answer" },
        )
      ).status,
    ).toBe(204);
    await caller.hangUp();
    expect(await t.db.callLeg.count({ where: { callId: call.id, endedAt: null } })).toBe(0);
  }, 60_000);
});

describe("hostile input", () => {
  it("answers 4xx naming what is wrong on every desk route, and refuses unsigned bridge webhooks", async () => {
    const actions = ["hold", "unhold", "join", "handover", "hangup-leg", "listen", "takeover"];
    for (const action of actions) {
      for (const id of ["abc", "1%00", "99999999999999999999", "-1"]) {
        const response = await t.app.inject({ method: "POST", url: `/api/desk/calls/${id}/${action}`, headers: { cookie: an.cookie } });
        expect(response.statusCode, `${action} ${id}`).toBeGreaterThanOrEqual(400);
        expect(response.statusCode, `${action} ${id}`).toBeLessThan(500);
      }
      const missing = await t.app.inject({ method: "POST", url: `/api/desk/calls/987654/${action}`, headers: { cookie: an.cookie } });
      // Agents may not listen at all; for the rest the call does not exist.
      expect(missing.statusCode, action).toBe(["listen", "takeover"].includes(action) ? 403 : 404);
    }
    for (const path of [
      "/twilio/voice/bridge/join?call=1&leg=1",
      "/twilio/voice/bridge/conference?call=1",
      "/twilio/voice/transfer?s=1&leg=1&agency=1",
    ]) {
      const unsigned = await t.app.inject({
        method: "POST",
        url: path,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "CallSid=CA1&ConferenceSid=CF1&StatusCallbackEvent=participant-join",
      });
      expect(unsigned.statusCode, path).toBe(403);
    }
    // Signed, but for a call that does not exist: Twilio is answered without an error (hang up, or nothing to do).
    const join = await signedPost(t.app, t.config, t.db, "/twilio/voice/bridge/join?call=987654&leg=1", {
      CallSid: `CA${"d4".repeat(16)}`,
    });
    expect(join.status).toBe(200);
    expect(parseXml(join.body).children.map((c) => c.name)).toEqual(["Hangup"]);
    const event = await signedPost(t.app, t.config, t.db, "/twilio/voice/bridge/conference?call=987654", {
      ConferenceSid: CONFERENCE_SID,
      StatusCallbackEvent: "participant-join",
      CallSid: `CA${"d4".repeat(16)}`,
    });
    expect(event.status).toBe(204);
  });
});
