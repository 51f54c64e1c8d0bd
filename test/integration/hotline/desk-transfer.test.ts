// Cold transfer from the desk (issue 12), through the real app: the simulator plays the caller and
// both staff members, every webhook signed; the desk API moves the simulated call through the
// simulator's network as Twilio's REST API would move a real one. A real (non-simulated) call is
// moved through Twilio's REST API, here the local stub, and the requests are checked.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, login, startTestApp, type TestApp } from "../../helpers/app.js";
import { HOTLINE } from "../../helpers/calls.js";
import { seedDemo } from "../../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { phoneCaller } from "../../helpers/phone-caller.js";
import { simulate } from "../../helpers/twilio.js";
import { STUB_ACCOUNT_SID, STUB_AUTH_TOKEN, startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

let t: TestApp;
let stub: TwilioRestStub;
let land: { id: number };
let justice: { id: number; name: string };
let an: { id: number; phone: string; cookie: string };
let binh: { id: number; phone: string; cookie: string };

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
    const sid = CALL_UPDATE.exec(request.path)?.[1];
    return sid && request.method === "POST" ? { status: 200, body: { sid, status: "in-progress" } } : undefined;
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
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { action: "transfer", resourceId: String(call.id) } });
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
