// Whole calls through the real app: signed Twilio webhooks that follow the URLs of each TwiML
// answer, the real seed (agencies, available staff, the shipped flow) and the real database.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { sendSurveySms } from "../../../server/hotline/surveys/sms-job.js";
import { createSmsProvider } from "../../../server/messaging/registry.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { seedDemo } from "../../helpers/demo.js";
import { CLOSED_ALL_WEEK, OPEN_ALL_WEEK, setProvinceHours } from "../../helpers/hours.js";
import { everyAgentAvailable } from "../../helpers/presence.js";
import { signedPost, simulate } from "../../helpers/twilio.js";

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  seedDemo(t.config.DATABASE_URL);
}, 120_000);
afterAll(() => t.close());

// The clock is real, so each test sets the hours it needs and drops the cached routing snapshot. Calls
// move presence (after-call work, away after missed rings): each test starts with every agent available.
async function setHours(weekly: typeof OPEN_ALL_WEEK, observeHolidays = false) {
  await setProvinceHours(t.db, weekly, observeHolidays);
  await everyAgentAvailable(t.db);
  t.app.callRouting.invalidate();
}

/** The agency's agents, all available when the test began (setHours). */
async function staffOf(code: string) {
  return t.db.user.findMany({ where: { agency: { code }, roles: { has: "agent" }, active: true }, orderBy: { id: "asc" } });
}

const HOUR = 3_600_000;
const says = (steps: { type: string; text?: string }[]) => steps.filter((s) => s.type === "say").map((s) => s.text ?? "");

describe("an answered call", () => {
  beforeEach(() => setHours(OPEN_ALL_WEEK));

  it("goes through the menu to the on-duty staff of the chosen agency, then the survey, and is logged in full", async () => {
    const { callSid, steps } = await simulate(t.app, t.config, t.db, { digits: ["1", "1", "1", "1"] });
    const stp = await staffOf("STP");
    expect(stp.length).toBeGreaterThan(0);

    const dial = steps.find((s) => s.type === "dial");
    expect(dial).toEqual({ type: "dial", targets: stp.map((s) => s.phone) });
    expect(says(steps).some((text) => text.includes("Rất hài lòng"))).toBe(true);

    const call = await t.db.call.findUniqueOrThrow({
      where: { callSid },
      include: { agency: true, staff: true, surveyAnswers: true, recordings: true, events: { orderBy: { id: "asc" } } },
    });
    expect(call).toMatchObject({
      caller: "+84912345678",
      simulated: true,
      status: "completed",
      termination: "answered",
      topic: "hộ tịch",
      talkSeconds: 95,
      agency: { code: "STP" },
      staff: { id: stp[0]?.id },
    });
    expect(call.flowVersionId).not.toBeNull();
    expect(call.answeredAt).not.toBeNull();
    expect(call.ivrSeconds).toBeGreaterThanOrEqual(0);
    expect(call.ringSeconds).toBeGreaterThanOrEqual(0);
    expect(Object.fromEntries(call.surveyAnswers.map((a) => [a.question, a.value]))).toEqual({ satisfaction: 1, resolved: 1 });
    expect(call.recordings).toMatchObject([{ kind: "call", status: "completed", channels: 2, durationSeconds: 95 }]);

    // The timeline: every node entered and key pressed, in order.
    const effects = call.events.flatMap((e) => (e.data as { effects?: { type: string; node?: string; digits?: string }[] }).effects ?? []);
    const keys = effects.filter((e) => e.type === "key").map((e) => e.digits);
    expect(keys).toEqual(["1", "1", "1", "1"]);
    expect(effects.filter((e) => e.type === "node").map((e) => e.node)).toContain("survey");
    expect(call.events.map((e) => e.kind)).toEqual(expect.arrayContaining(["incoming", "gather", "whisper-accept", "dial", "status"]));
  });
});

describe("a caller who leaves before the survey", () => {
  beforeEach(() => setHours(OPEN_ALL_WEEK));

  it("gets exactly one SMS with a link to the one-page survey", async () => {
    // Menu 1, sub-menu 1, the staff member answers, then the caller hangs up at the first question.
    const { callSid } = await simulate(t.app, t.config, t.db, { digits: ["1", "1"] });
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid } });
    expect(call.termination).toBe("answered");
    const queued = await t.app.queues.surveys.getJob(`survey-sms-${call.id}`);
    expect(queued?.data).toEqual({ callId: call.id });

    const deps = { db: t.db, provider: createSmsProvider(t.config, {}), publicBaseUrl: t.config.PUBLIC_BASE_URL };
    expect(await sendSurveySms(deps, call.id)).toMatchObject({ sent: true });
    expect(await sendSurveySms(deps, call.id)).toMatchObject({ sent: false });
    const sms = await t.db.smsMessage.findMany({ where: { callId: call.id } });
    expect(sms).toHaveLength(1);
    expect(sms[0]).toMatchObject({ recipient: "+84912345678", purpose: "survey_link" });
    expect(sms[0]?.body).toContain(`${t.config.PUBLIC_BASE_URL}/s/`);
  });

  it("is not texted after answering the survey on the keypad", async () => {
    const { callSid } = await simulate(t.app, t.config, t.db, { digits: ["1", "1", "2", "1"] });
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid } });
    expect(await t.app.queues.surveys.getJob(`survey-sms-${call.id}`)).toBeUndefined();
  });
});

describe("when nobody can answer", () => {
  beforeEach(() => setHours(OPEN_ALL_WEEK));

  it("falls through the agency's chain to voicemail and leaves a callback request", async () => {
    await t.db.user.updateMany({ where: { agency: { code: { in: ["STP", "TTPVHCC-TD"] } } }, data: { presence: "offline" } });
    t.app.callRouting.invalidate();
    try {
      const { callSid, steps } = await simulate(t.app, t.config, t.db, { digits: ["1", "1"] });
      expect(steps.some((s) => s.type === "dial")).toBe(false);
      expect(steps.some((s) => s.type === "record")).toBe(true);
      const call = await t.db.call.findUniqueOrThrow({
        where: { callSid },
        include: { callbackRequest: { include: { agency: true } }, recordings: true, events: true },
      });
      expect(call.termination).toBe("no_one_on_duty");
      expect(call.callbackRequest).toMatchObject({ status: "open", phone: "+84912345678" });
      expect(call.recordings).toMatchObject([{ kind: "voicemail" }]);
      const routing = call.events.flatMap((e) =>
        ((e.data as { effects?: { type: string; agencyCode?: string; decision?: string }[] }).effects ?? []).filter(
          (x) => x.type === "routing",
        ),
      );
      expect(routing.map((r) => [r.agencyCode, r.decision])).toEqual([
        ["STP", "skipped-no-staff"],
        ["TTPVHCC-TD", "skipped-no-staff"],
      ]);
    } finally {
      await t.db.user.updateMany({
        where: { agency: { code: { in: ["STP", "TTPVHCC-TD"] } }, roles: { has: "agent" } },
        data: { presence: "available" },
      });
    }
  });

  it("rings the fallback when the first agency's staff do not answer", async () => {
    const { callSid, steps } = await simulate(t.app, t.config, t.db, { digits: ["3"], staff: "no-answer" });
    const dials = steps.filter((s) => s.type === "dial");
    const [stc, operators] = [await staffOf("STC"), await staffOf("TTPVHCC-TD")];
    expect(dials).toEqual([
      { type: "dial", targets: stc.map((s) => s.phone) },
      { type: "dial", targets: operators.map((s) => s.phone) },
    ]);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { callbackRequest: true } });
    expect(call.termination).toBe("voicemail");
    expect(call.callbackRequest).not.toBeNull();
  });

  it("gives the staff the target's 4 working hours to call back, rather than making the request overdue at once", async () => {
    const before = Date.now();
    const { callSid } = await simulate(t.app, t.config, t.db, { digits: ["3"], staff: "no-answer" });
    const after = Date.now();
    const { callbackRequest } = await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { callbackRequest: true } });
    const due = callbackRequest?.dueAt.getTime() ?? 0;
    expect(t.config.CALLBACK_TARGET_WORKING_HOURS).toBe(4);
    expect(due).toBeGreaterThanOrEqual(before + 4 * HOUR);
    expect(due).toBeLessThanOrEqual(after + 4 * HOUR);
  });
});

describe("outside opening hours", () => {
  it("after hours, plays the hours and takes a message for a callback", async () => {
    await setHours(CLOSED_ALL_WEEK);
    const { callSid, steps } = await simulate(t.app, t.config, t.db, { digits: [] });
    expect(says(steps).some((text) => text.includes("7 giờ 30"))).toBe(true);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { callbackRequest: true } });
    expect(call.termination).toBe("after_hours_voicemail");
    expect(call.callbackRequest).not.toBeNull();
  });

  it("makes the message's callback due 4 working hours after the next opening", async () => {
    await setHours(CLOSED_ALL_WEEK);
    const tomorrow = new Date(Date.now() + 7 * HOUR + 24 * HOUR).toISOString().slice(0, 10);
    const ranges = [
      { opens: "08:00", closes: "11:00" },
      { opens: "13:00", closes: "17:00" },
    ];
    await t.db.hoursOverride.create({ data: { agencyId: null, date: new Date(tomorrow), closed: false, ranges } });
    t.app.callRouting.invalidate();
    const { callSid } = await simulate(t.app, t.config, t.db, { digits: [] });
    const { callbackRequest } = await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { callbackRequest: true } });
    // Three hours in the morning, the fourth after lunch.
    expect(callbackRequest?.dueAt).toEqual(new Date(`${tomorrow}T14:00:00+07:00`));
  });

  it("on a day off declared for the whole province, even within weekly hours", async () => {
    await setHours(OPEN_ALL_WEEK, true);
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    await t.db.hoursOverride.create({ data: { agencyId: null, date: new Date(today), closed: true, note: "Nghỉ bù" } });
    t.app.callRouting.invalidate();
    const { callSid } = await simulate(t.app, t.config, t.db, { digits: [] });
    expect((await t.db.call.findUniqueOrThrow({ where: { callSid } })).termination).toBe("after_hours_voicemail");
  });
});

describe("in the menu", () => {
  beforeEach(() => setHours(OPEN_ALL_WEEK));

  it("re-prompts on silence and invalid keys, then hands the caller to an operator", async () => {
    const { callSid, steps } = await simulate(t.app, t.config, t.db, { digits: ["", "6", ""] });
    const texts = says(steps);
    // Silence, then a wrong key, are explained and the menu asked again; the third failure goes to a person.
    expect(texts.filter((text) => text.includes("chưa nhận được phím bấm"))).toHaveLength(1);
    expect(texts.filter((text) => text.includes("chưa đúng"))).toHaveLength(1);
    expect(texts.filter((text) => text.includes("Gặp tổng đài viên, bấm phím 9"))).toHaveLength(3);
    const operators = await staffOf("TTPVHCC-TD");
    expect(steps.find((s) => s.type === "dial")).toEqual({ type: "dial", targets: operators.map((s) => s.phone) });
    expect((await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { agency: true } })).agency?.code).toBe("TTPVHCC-TD");
  });

  it("records a caller hanging up in the IVR", async () => {
    const { callSid } = await simulate(t.app, t.config, t.db, { digits: [] });
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid } });
    expect(call).toMatchObject({ termination: "hung_up_in_ivr", answeredAt: null, ringSeconds: null });
    expect(call.ivrSeconds).toBeGreaterThanOrEqual(0);
  });
});

describe("webhook safety", () => {
  beforeEach(() => setHours(OPEN_ALL_WEEK));

  it("answers a retried webhook with the same TwiML and records it once", async () => {
    const { callSid, steps } = await simulate(t.app, t.config, t.db, { digits: ["9"], staff: "no-answer", voicemailSeconds: 5 });
    const gather = steps.find((s) => s.type === "request" && s.path.startsWith("/twilio/voice/gather"));
    if (gather?.type !== "request") throw new Error("no gather request");
    const before = await t.db.callEvent.count({ where: { call: { callSid } } });
    const retry = await signedPost(t.app, t.config, t.db, gather.path, { ...gather.params, From: "0912 345 678", To: "+842563822478" });
    expect(retry).toEqual({ status: 200, body: gather.twiml });
    expect(await t.db.callEvent.count({ where: { call: { callSid } } })).toBe(before);
  });

  it("ignores duplicate and out-of-order status callbacks", async () => {
    const { callSid } = await simulate(t.app, t.config, t.db, { digits: [] });
    const status = (CallStatus: string) => signedPost(t.app, t.config, t.db, "/twilio/voice/status", { CallSid: callSid, CallStatus });
    const ended = await t.db.call.findUniqueOrThrow({ where: { callSid } });
    expect((await status("completed")).status).toBe(204);
    expect((await status("ringing")).status).toBe(204);
    expect((await status("in-progress")).status).toBe(204);
    const after = await t.db.call.findUniqueOrThrow({ where: { callSid } });
    expect(after).toMatchObject({ status: "completed", endedAt: ended.endedAt, termination: ended.termination });
    expect(await t.db.callEvent.count({ where: { call: { callSid }, kind: "status", dedupeKey: "status:completed" } })).toBe(1);
  });

  it("refuses a forged or missing signature with 403 and changes nothing", async () => {
    const params = { CallSid: `CA${"f".repeat(32)}`, From: "+84912345678", To: "+842563822478", CallStatus: "ringing" };
    const forged = await t.app.inject({
      method: "POST",
      url: "/twilio/voice/incoming",
      headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": "bm90LWEtc2lnbmF0dXJl" },
      payload: new URLSearchParams(params).toString(),
    });
    const missing = await t.app.inject({
      method: "POST",
      url: "/twilio/voice/incoming",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams(params).toString(),
    });
    expect([forged.statusCode, missing.statusCode]).toEqual([403, 403]);
    expect(await t.db.call.count({ where: { callSid: params.CallSid } })).toBe(0);
  });

  it("gives an unknown call a short apology and a hang-up, never a 500", async () => {
    const response = await signedPost(t.app, t.config, t.db, "/twilio/voice/gather?s=3", { CallSid: `CA${"e".repeat(32)}`, Digits: "1" });
    expect(response.status).toBe(200);
    expect(response.body).toContain("<Hangup/>");
  });
});
