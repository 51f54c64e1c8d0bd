// Presence as the calls move it, through the real app: signed Twilio webhooks, the demo seed and the
// shipped flow. Menu 1 then 1 reaches the STP (Sở Tư pháp) agents; its fallback is the operators.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { onStaffAvailable, type StaffAvailable } from "../../../server/agencies/staff/presence.js";
import { parseXml, type XmlElement } from "../../../server/hotline/simulator/xml.js";
import { login, startTestApp, type TestApp } from "../../helpers/app.js";
import { DEMO_ADMIN_PASSWORD, DEMO_STAFF_PASSWORD, seedDemo } from "../../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { everyAgentAvailable } from "../../helpers/presence.js";
import { signedPost, simulate } from "../../helpers/twilio.js";

let t: TestApp;
let admin: string;

beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
  admin = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
}, 120_000);
afterAll(() => t.close());

beforeEach(async () => {
  await setProvinceHours(t.db, OPEN_ALL_WEEK, false);
  await t.db.agency.updateMany({ data: { wrapUpSeconds: 0 } });
  await everyAgentAvailable(t.db);
  t.app.callRouting.invalidate();
});

const stpAgents = () =>
  t.db.user.findMany({ where: { agency: { code: "STP" }, roles: { has: "agent" }, active: true }, orderBy: { id: "asc" } });
const presenceOf = (id: number) => t.db.user.findUniqueOrThrow({ where: { id } });
const says = (steps: { type: string; text?: string }[]) => steps.filter((s) => s.type === "say").map((s) => s.text ?? "");

/** A call driven webhook by webhook, as Twilio would, up to the <Dial> that rings the staff. */
async function callUntilDial(digits: string[]) {
  const callSid = `CA${crypto.randomUUID().replaceAll("-", "")}`;
  const base = { CallSid: callSid, AccountSid: `AC${"0".repeat(32)}`, From: "+84912345678", To: "+842563822478" };
  const post = async (url: string, params: Record<string, string>) => {
    const path = url.startsWith("http") ? url.slice(t.config.PUBLIC_BASE_URL.length) : url;
    const response = await signedPost(t.app, t.config, t.db, path, params);
    expect(response.status, response.body).toBeLessThan(300);
    return response.body;
  };
  let twiml = parseXml(await post("/twilio/voice/incoming", { ...base, CallStatus: "ringing", Simulated: "true" }));
  for (const pressed of digits) {
    const gather = twiml.children.find((c) => c.name === "Gather") as XmlElement;
    twiml = parseXml(await post(gather.attributes.action ?? "", { ...base, CallStatus: "in-progress", Digits: pressed }));
  }
  const dial = twiml.children.find((c) => c.name === "Dial");
  const numbers = dial?.children.filter((c) => c.name === "Number") ?? [];
  const rung = numbers.map((n) => Number(new URL(n.attributes.url ?? "").searchParams.get("staff")));
  return {
    callSid,
    rung,
    /** The staff member hears the whisper and presses 1. */
    async accept(staffId: number) {
      const number = numbers[rung.indexOf(staffId)] as XmlElement;
      const leg = { ...base, CallSid: `CA${crypto.randomUUID().replaceAll("-", "")}`, ParentCallSid: callSid, CallStatus: "in-progress" };
      const whisper = parseXml(await post(number.attributes.url ?? "", leg));
      const gather = whisper.children.find((c) => c.name === "Gather") as XmlElement;
      return post(gather.attributes.action ?? "", { ...leg, Digits: "1" });
    },
    /** The dialled leg ends (the <Dial action>). */
    dialEnded(status: string, seconds = 0) {
      const params = { ...base, CallStatus: "in-progress", DialCallStatus: status, DialCallDuration: String(seconds) };
      return post(dial?.attributes.action ?? "", params);
    },
    hangUp: () => post("/twilio/voice/status", { ...base, CallStatus: "completed", CallDuration: "60" }),
  };
}

describe("a staff member on a call", () => {
  it("is never rung for another call, and is rung again once their leg ended", async () => {
    const [first, second] = await stpAgents();
    if (!first || !second) throw new Error("the seed has two STP agents");
    const a = await callUntilDial(["1", "1"]);
    expect(a.rung).toEqual([first.id, second.id]);
    await a.accept(first.id);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: a.callSid } });
    expect(await presenceOf(first.id)).toMatchObject({ presence: "on_call", presenceCallId: call.id, missedRings: 0 });

    // A second caller meanwhile: only the colleague is rung.
    const b = await callUntilDial(["1", "1"]);
    expect(b.rung).toEqual([second.id]);
    await b.dialEnded("no-answer");
    await b.hangUp();

    await a.dialEnded("completed", 60);
    // No after-call work in this agency: straight back to available, rung for the next caller.
    expect(await presenceOf(first.id)).toMatchObject({ presence: "available", presenceCallId: null });
    const c = await callUntilDial(["1", "1"]);
    expect(c.rung).toContain(first.id);
    await c.hangUp();
    await a.hangUp();
  });

  it("takes only one of two calls ringing at once: pressing 1 on the second is refused", async () => {
    const [first] = await stpAgents();
    if (!first) throw new Error("the seed has STP agents");
    const a = await callUntilDial(["1", "1"]);
    const b = await callUntilDial(["1", "1"]);
    // Both ring while nobody has answered yet.
    expect(a.rung).toContain(first.id);
    expect(b.rung).toContain(first.id);
    expect(parseXml(await a.accept(first.id)).children.map((c) => c.name)).toEqual(["Say"]);
    expect(parseXml(await b.accept(first.id)).children.map((c) => c.name)).toEqual(["Hangup"]);
    const second = await t.db.call.findUniqueOrThrow({ where: { callSid: b.callSid } });
    expect(second).toMatchObject({ staffId: null, answeredAt: null });
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: a.callSid } });
    expect(await presenceOf(first.id)).toMatchObject({ presence: "on_call", presenceCallId: call.id });
    await b.dialEnded("no-answer");
    await b.hangUp();
    await a.dialEnded("completed", 30);
    await a.hangUp();
  });

  it("takes the call once even when Twilio repeats the key press and the dial's end", async () => {
    const [first] = await stpAgents();
    if (!first) throw new Error("the seed has STP agents");
    const a = await callUntilDial(["1", "1"]);
    await a.accept(first.id);
    await a.accept(first.id);
    await a.dialEnded("completed", 30);
    await a.dialEnded("completed", 30);
    await a.hangUp();
    await a.hangUp();
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: a.callSid } });
    const changes = await t.db.presenceChange.findMany({ where: { userId: first.id, callId: call.id }, orderBy: { id: "asc" } });
    expect(changes.map((c) => c.state)).toEqual(["on_call", "available"]);
    expect(changes.every((c) => c.changedById === null)).toBe(true);
  });
});

describe("missed rings", () => {
  it("set a staff member away after two in a row, who is then not rung until they return", async () => {
    const agents = await stpAgents();
    const ids = agents.map((a) => a.id);
    await simulate(t.app, t.config, t.db, { digits: ["1", "1"], staff: "no-answer" });
    for (const id of ids) expect(await presenceOf(id)).toMatchObject({ presence: "available", missedRings: 1 });
    await simulate(t.app, t.config, t.db, { digits: ["1", "1"], staff: "no-answer" });
    for (const id of ids) expect(await presenceOf(id)).toMatchObject({ presence: "away", awayReason: "missed_rings", missedRings: 2 });

    // The console shows it.
    const listed = await t.app.inject({
      method: "GET",
      url: `/api/staff?filter=${encodeURIComponent(JSON.stringify({ id: ids }))}`,
      headers: { cookie: admin },
    });
    expect(listed.json()).toEqual(ids.map((id) => expect.objectContaining({ id, presence: "away", awayReason: "missed_rings" })));

    // Not rung: the call goes straight to the fallback agency.
    const skipped = await callUntilDial(["1", "1"]);
    expect(skipped.rung.some((id) => ids.includes(id))).toBe(false);
    await skipped.hangUp();

    // Back from the console: rung again, the missed rings forgiven.
    const agent = agents[0];
    if (!agent) throw new Error("the seed has STP agents");
    const own = await login(t.app, agent.username, DEMO_STAFF_PASSWORD);
    const back = await t.app.inject({
      method: "PUT",
      url: `/api/staff/${agent.id}/presence`,
      payload: { state: "available" },
      headers: { cookie: own },
    });
    expect(back.statusCode, back.body).toBe(200);
    expect(await presenceOf(agent.id)).toMatchObject({ presence: "available", missedRings: 0, awayReason: null });
    const rung = await callUntilDial(["1", "1"]);
    expect(rung.rung).toEqual([agent.id]);
    await rung.hangUp();

    const changes = await t.db.presenceChange.findMany({ where: { userId: agent.id }, orderBy: { id: "asc" } });
    expect(changes.slice(-2)).toMatchObject([
      { state: "away", reason: "missed_rings", changedById: null },
      { state: "available", changedById: agent.id },
    ]);
  });

  it("do not count when the caller hangs up while it rings, or when someone else took the call", async () => {
    const [first, second] = await stpAgents();
    if (!first || !second) throw new Error("the seed has two STP agents");
    const gone = await callUntilDial(["1", "1"]);
    await gone.dialEnded("canceled");
    await gone.hangUp();
    const taken = await callUntilDial(["1", "1"]);
    await taken.accept(first.id);
    await taken.dialEnded("completed", 20);
    await taken.hangUp();
    expect(await presenceOf(second.id)).toMatchObject({ presence: "available", missedRings: 0 });
  });
});

describe("after-call work", () => {
  it("ends on time by itself, and says so to whoever listens for available staff (the queue)", async () => {
    await t.db.agency.update({ where: { code: "STP" }, data: { wrapUpSeconds: 1 } });
    const [first] = await stpAgents();
    if (!first) throw new Error("the seed has STP agents");
    const heard: StaffAvailable[] = [];
    const unsubscribe = onStaffAvailable((event) => {
      heard.push(event);
    });
    const a = await callUntilDial(["1", "1"]);
    await a.accept(first.id);
    await a.dialEnded("completed", 40);
    const during = await presenceOf(first.id);
    expect(during.presence).toBe("wrap_up");
    expect(during.wrapUpUntil?.getTime()).toBeGreaterThan(Date.now() - 1000);
    // The caller is in the survey meanwhile: the staff member is not rung for the next caller.
    const b = await callUntilDial(["1", "1"]);
    expect(b.rung).not.toContain(first.id);
    await b.hangUp();
    await expect.poll(async () => (await presenceOf(first.id)).presence, { timeout: 5000, interval: 200 }).toBe("available");
    await expect.poll(() => heard.filter((e) => e.userId === first.id)).toEqual([expect.objectContaining({ agencyId: first.agencyId })]);
    unsubscribe();
    await a.hangUp();
    const changes = await t.db.presenceChange.findMany({ where: { userId: first.id }, orderBy: { id: "asc" } });
    const [onCall, wrapUp, available] = changes.slice(-3);
    expect([onCall?.state, wrapUp?.state, available?.state]).toEqual(["on_call", "wrap_up", "available"]);
    const wrapMs = (available?.at.getTime() ?? 0) - (wrapUp?.at.getTime() ?? 0);
    expect(wrapMs).toBeGreaterThanOrEqual(1000);
    expect(wrapMs).toBeLessThan(3500);
  });

  it("is ended early by the staff member", async () => {
    await t.db.agency.update({ where: { code: "STP" }, data: { wrapUpSeconds: 600 } });
    const [first] = await stpAgents();
    if (!first) throw new Error("the seed has STP agents");
    const a = await callUntilDial(["1", "1"]);
    await a.accept(first.id);
    await a.dialEnded("completed", 40);
    await a.hangUp();
    expect((await presenceOf(first.id)).presence).toBe("wrap_up");
    const own = await login(t.app, first.username, DEMO_STAFF_PASSWORD);
    const ended = await t.app.inject({
      method: "PUT",
      url: `/api/staff/${first.id}/presence`,
      payload: { state: "available" },
      headers: { cookie: own },
    });
    expect(ended.json()).toMatchObject({ presence: "available", wrapUpUntil: null });
    const last = await t.db.presenceChange.findFirstOrThrow({ where: { userId: first.id }, orderBy: { id: "desc" } });
    expect(last).toMatchObject({ state: "available", changedById: first.id });
  });
});

describe("the phone toggle", () => {
  async function withPin() {
    const [agent] = await stpAgents();
    if (!agent?.phone) throw new Error("the seed gives STP agents a phone");
    const own = await login(t.app, agent.username, DEMO_STAFF_PASSWORD);
    const set = await t.app.inject({
      method: "PUT",
      url: `/api/staff/${agent.id}/pin`,
      payload: { pin: "2468" },
      headers: { cookie: own },
    });
    expect(set.statusCode, set.body).toBe(200);
    return { agent, phone: agent.phone };
  }

  it("toggles available and away from the registered phone with the right PIN, saying the new state", async () => {
    const { agent, phone } = await withPin();
    const away = await simulate(t.app, t.config, t.db, { from: phone, digits: ["*", "2468#"] });
    expect(says(away.steps).some((text) => text.includes("tạm vắng"))).toBe(true);
    expect(await presenceOf(agent.id)).toMatchObject({ presence: "away" });
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: away.callSid }, include: { events: true } });
    expect(JSON.stringify(call.events)).not.toContain("2468");
    expect(await t.db.presenceChange.findFirstOrThrow({ where: { userId: agent.id }, orderBy: { id: "desc" } })).toMatchObject({
      state: "away",
      changedById: agent.id,
      callId: call.id,
    });

    const back = await simulate(t.app, t.config, t.db, { from: phone, digits: ["*", "2468#"] });
    expect(says(back.steps).some((text) => text.includes("sẵn sàng"))).toBe(true);
    expect(await presenceOf(agent.id)).toMatchObject({ presence: "available" });
  });

  it("refuses after three wrong PINs, and sounds the same from a number that is not registered", async () => {
    const { agent, phone } = await withPin();
    const wrong = await simulate(t.app, t.config, t.db, { from: phone, digits: ["*", "1111#", "2222#", "3333#"] });
    const stranger = await simulate(t.app, t.config, t.db, { from: "0987 654 321", digits: ["*", "2468#", "2468#", "2468#"] });
    expect(says(wrong.steps).filter((text) => text.includes("Mã PIN chưa đúng"))).toHaveLength(2);
    expect(says(wrong.steps).at(-1)).toContain("Không thực hiện được");
    expect(says(stranger.steps)).toEqual(says(wrong.steps));
    expect(wrong.steps.filter((s) => s.type === "hangup")).toEqual([{ type: "hangup", by: "server" }]);
    expect(await presenceOf(agent.id)).toMatchObject({ presence: "available" });
  });
});
