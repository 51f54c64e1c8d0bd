// Hold, warm transfer and listening (issue 12) through the real app and the simulator's network: the
// caller, the staff members and the supervisor are simulated legs; the lift into the conference, the
// participants' hold and hand-over go through the network as they would through Twilio's REST API,
// and every webhook (the conference's events included) is signed and must answer without an error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, login, startTestApp, type TestApp } from "../../helpers/app.js";
import { seedDemo } from "../../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { simulate } from "../../helpers/twilio.js";

let t: TestApp;
let land: { id: number };
let justice: { id: number; name: string };
let an: { id: number; phone: string; cookie: string };
let binh: { id: number; phone: string; cookie: string };
let chi: { id: number; phone: string; cookie: string };

async function staffOf(agencyId: number, username: string, phone: string, roles: ("agent" | "supervisor")[] = ["agent"]) {
  const user = await createUser(t.db, { username, roles, agencyId });
  await t.db.user.update({ where: { id: user.id }, data: { phone, presence: "available", presenceSince: new Date() } });
  return { id: user.id, phone, cookie: await login(t.app, username) };
}

beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
  await setProvinceHours(t.db, OPEN_ALL_WEEK);
  land = await t.db.agency.update({ where: { code: "VPDKDD" }, data: { wrapUpSeconds: 30 } });
  justice = await t.db.agency.update({ where: { code: "STP-HTQT" }, data: { wrapUpSeconds: 0 } });
  await t.db.user.updateMany({ where: { agencyId: { in: [land.id, justice.id] } }, data: { presence: "offline" } });
  an = await staffOf(land.id, "conf-an", "+84905000201");
  binh = await staffOf(justice.id, "conf-binh", "+84905000202");
  // A supervisor of the land registry, off the routing (offline), who listens on their phone.
  chi = await staffOf(land.id, "conf-chi", "+84905000203", ["supervisor"]);
  await t.db.user.update({ where: { id: chi.id }, data: { presence: "offline" } });
  t.app.callRouting.invalidate();
}, 120_000);
afterAll(async () => {
  await t?.close();
});

const act = (callId: number, cookie: string, what: string, payload?: Record<string, unknown>) =>
  t.app.inject({ method: "POST", url: `/api/desk/calls/${callId}/${what}`, headers: { cookie }, ...(payload ? { payload } : {}) });

async function until(what: string, check: () => Promise<boolean>) {
  const deadline = Date.now() + 8000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const callIdOf = async (callSid: string) => (await t.db.call.findUniqueOrThrow({ where: { callSid }, select: { id: true } })).id;
const bridgeOf = async (callId: number) =>
  (await t.db.call.findUniqueOrThrow({ where: { id: callId }, select: { bridge: true } })).bridge as { callerJoined?: boolean } | null;
const legAnswered = async (callId: number, staffId: number) =>
  (await t.db.callLeg.count({ where: { callId, staffId, answeredAt: { not: null }, endedAt: null } })) > 0;

describe("warm transfer", () => {
  it("consults Bình while the caller holds, joins the three, hands over; the survey after Bình counts for the justice unit", async () => {
    let hangUp: () => void = () => {};
    const binhTalks = new Promise<number>((resolve) => {
      hangUp = () => resolve(20);
    });
    t.app.simulatorNetwork.answering = async (to) => (to === binh.phone ? { answer: true, talk: () => binhTalks } : { answer: false });
    const statuses: Record<string, number> = {};
    const result = await simulate(t.app, t.config, t.db, {
      digits: ["2", "1", "1", "1"],
      staffPart: async () => ({
        answer: true,
        talk: async (leg) => {
          const id = await callIdOf(leg.callSid);
          statuses.transfer = (
            await act(id, an.cookie, "transfer", { agencyId: justice.id, reason: "Hỏi về chứng thực", mode: "warm" })
          ).statusCode;
          await until("Bình in the conference", () => legAnswered(id, binh.id));
          await until("the caller in the conference", async () => (await bridgeOf(id))?.callerJoined === true);
          statuses.join = (await act(id, an.cookie, "join")).statusCode;
          statuses.handover = (await act(id, an.cookie, "handover")).statusCode;
          // An is gone; Bình talks with the caller, then hangs up.
          hangUp();
          return new Promise<number>(() => {});
        },
      }),
    });
    expect(statuses).toEqual({ transfer: 200, join: 200, handover: 200 });
    expect(t.app.simulatorNetwork.errors).toEqual([]);
    expect(result.steps.every((s) => s.type !== "request" || s.status < 400)).toBe(true);
    // The caller was held with the hold music, then came back.
    expect(result.steps.some((s) => s.type === "play" && s.url.endsWith("/audio/hold-music.wav"))).toBe(true);

    const call = await t.db.call.findUniqueOrThrow({
      where: { callSid: result.callSid },
      include: { legs: { orderBy: { id: "asc" } }, surveyAnswers: true, recordings: true },
    });
    expect(call.surveyAnswers).toHaveLength(2);
    expect(call.agencyId).toBe(justice.id);
    expect(call.staffId).toBe(binh.id);
    expect(call.legs.map((l) => [l.staffId, l.agencyId, l.role, l.transfer])).toEqual([
      [an.id, land.id, "answer", null],
      [binh.id, justice.id, "consult", "warm"],
    ]);
    expect(call.legs[1]?.fromLegId).toBe(call.legs[0]?.id);
    expect(call.legs.every((l) => l.answeredAt && l.endedAt)).toBe(true);
    // The conversation was recorded before the lift and in the conference.
    expect(call.recordings.filter((r) => r.kind === "call")).toHaveLength(2);
    const [anNow, binhNow] = await Promise.all([
      t.db.user.findUniqueOrThrow({ where: { id: an.id } }),
      t.db.user.findUniqueOrThrow({ where: { id: binh.id } }),
    ]);
    expect(anNow.presence).toBe("wrap_up");
    expect(binhNow.presence).toBe("available");
    await t.db.user.update({ where: { id: an.id }, data: { presence: "available" } });
    t.app.callRouting.invalidate();
  }, 60_000);
});

describe("hold", () => {
  it("holds the caller with the hold music and takes them back; the survey runs after An hangs up", async () => {
    const statuses: string[] = [];
    const result = await simulate(t.app, t.config, t.db, {
      digits: ["2", "1", "1", "2"],
      staffPart: async () => ({
        answer: true,
        talk: async (leg) => {
          const id = await callIdOf(leg.callSid);
          statuses.push(`hold ${(await act(id, an.cookie, "hold")).statusCode}`);
          await until("the caller held", async () => (await bridgeOf(id))?.callerJoined === true);
          statuses.push(`hold again ${(await act(id, an.cookie, "hold")).statusCode}`);
          statuses.push(`unhold ${(await act(id, an.cookie, "unhold")).statusCode}`);
          statuses.push(`hang up ${(await act(id, an.cookie, "hangup-leg")).statusCode}`);
          return new Promise<number>(() => {});
        },
      }),
    });
    expect(statuses).toEqual(["hold 200", "hold again 200", "unhold 200", "hang up 200"]);
    expect(t.app.simulatorNetwork.errors).toEqual([]);
    const holds = result.steps.flatMap((s) => (s.type === "staff" && s.action.includes("hold") ? [s.action] : []));
    expect(holds).toEqual(["put the caller on hold", "took the caller off hold"]);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: result.callSid }, include: { surveyAnswers: true, legs: true } });
    expect(call.surveyAnswers.map((a) => a.value).sort()).toEqual([1, 2]);
    expect(call.agencyId).toBe(land.id);
    expect(call.legs).toHaveLength(1);
    await t.db.user.update({ where: { id: an.id }, data: { presence: "available" } });
    t.app.callRouting.invalidate();
  }, 60_000);

  it("refuses hold to someone not on the call, unhold of a call never held, and join without a consult", async () => {
    const statuses: Record<string, number> = {};
    await simulate(t.app, t.config, t.db, {
      digits: ["2", "1", "1", "1"],
      staffPart: async () => ({
        answer: true,
        talk: async (leg) => {
          const id = await callIdOf(leg.callSid);
          statuses.stranger = (await act(id, binh.cookie, "hold")).statusCode;
          statuses.unhold = (await act(id, an.cookie, "unhold")).statusCode;
          statuses.join = (await act(id, an.cookie, "join")).statusCode;
          statuses.listenAgent = (await act(id, an.cookie, "listen")).statusCode;
          return 5;
        },
      }),
    });
    expect(statuses).toEqual({ stranger: 403, unhold: 409, join: 409, listenAgent: 403 });
    await t.db.user.update({ where: { id: an.id }, data: { presence: "available" } });
    t.app.callRouting.invalidate();
  }, 60_000);
});

describe("listening", () => {
  it("lets a supervisor of the agency listen muted (audited) and take over; the survey runs after the supervisor hangs up", async () => {
    let hangUp: () => void = () => {};
    const chiTalks = new Promise<number>((resolve) => {
      hangUp = () => resolve(10);
    });
    t.app.simulatorNetwork.answering = async (to) => (to === chi.phone ? { answer: true, talk: () => chiTalks } : { answer: false });
    const statuses: Record<string, number> = {};
    const result = await simulate(t.app, t.config, t.db, {
      digits: ["2", "1", "1", "1"],
      staffPart: async () => ({
        answer: true,
        talk: async (leg) => {
          const id = await callIdOf(leg.callSid);
          statuses.listen = (await act(id, chi.cookie, "listen")).statusCode;
          await until("Chị listening", () => legAnswered(id, chi.id));
          await until("the caller in the conference", async () => (await bridgeOf(id))?.callerJoined === true);
          statuses.takeover = (await act(id, chi.cookie, "takeover")).statusCode;
          hangUp();
          return new Promise<number>(() => {});
        },
      }),
    });
    expect(statuses).toEqual({ listen: 200, takeover: 200 });
    expect(t.app.simulatorNetwork.errors).toEqual([]);
    const call = await t.db.call.findUniqueOrThrow({
      where: { callSid: result.callSid },
      include: { legs: { orderBy: { id: "asc" } }, surveyAnswers: true },
    });
    expect(call.legs.map((l) => [l.staffId, l.role])).toEqual([
      [an.id, "answer"],
      [chi.id, "listen"],
    ]);
    expect(call.staffId).toBe(chi.id);
    expect(call.surveyAnswers).toHaveLength(2);
    const audit = await t.db.auditLog.findFirst({ where: { action: "listen", resourceId: String(call.id), actorId: chi.id } });
    expect(audit).not.toBeNull();
    await t.db.user.updateMany({ where: { id: { in: [an.id, chi.id] } }, data: { presence: "available" } });
    await t.db.user.update({ where: { id: chi.id }, data: { presence: "offline" } });
    t.app.callRouting.invalidate();
  }, 60_000);
});

describe("the simulator's staff scripts", () => {
  it("plays a warm transfer from declared steps: transfer, wait for the colleague, join, hand over", async () => {
    // Bình stays until the call is his, then talks a moment and hangs up.
    t.app.simulatorNetwork.answering = async (to) =>
      to === binh.phone
        ? {
            answer: true,
            talk: async () => {
              await until("the hand-over", async () => (await t.db.call.count({ where: { staffId: binh.id, endedAt: null } })) > 0);
              return 3;
            },
          }
        : { answer: false };
    const result = await simulate(t.app, t.config, t.db, {
      digits: ["2", "1", "1", "1"],
      staffPart: async () => ({
        answer: true,
        steps: [
          { do: "transfer", agencyId: justice.id, mode: "warm", reason: "Cần trao đổi" },
          { do: "wait-consult" },
          { do: "join" },
          { do: "handover" },
        ],
      }),
    });
    expect(t.app.simulatorNetwork.errors).toEqual([]);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: result.callSid }, include: { surveyAnswers: true, legs: true } });
    expect([call.staffId, call.agencyId, call.surveyAnswers.length]).toEqual([binh.id, justice.id, 2]);
    expect(call.legs.map((l) => l.role).sort()).toEqual(["answer", "consult"]);
    await t.db.user.updateMany({ where: { id: { in: [an.id, binh.id] } }, data: { presence: "available" } });
    t.app.callRouting.invalidate();
  }, 60_000);

  it("plays a cold transfer from a declared step; the colleague answers through the queue's routing", async () => {
    const result = await simulate(t.app, t.config, t.db, {
      digits: ["2", "1", "1", "1"],
      staffPart: async (targets) =>
        targets.includes(an.phone)
          ? { answer: true, steps: [{ after: 0.1, do: "transfer", agencyId: justice.id, mode: "cold", reason: "Sai cơ quan" }] }
          : { answer: true, talk: async () => 12 },
    });
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid: result.callSid }, include: { surveyAnswers: true, legs: true } });
    expect([call.staffId, call.agencyId, call.surveyAnswers.length]).toEqual([binh.id, justice.id, 2]);
    expect(call.legs.map((l) => l.transfer)).toEqual([null, "cold"]);
  }, 60_000);
});
