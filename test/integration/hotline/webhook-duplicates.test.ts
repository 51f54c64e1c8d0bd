// Twilio retries, and a retry can arrive while the first copy is still being handled. Twenty
// simultaneous copies of each signed webhook must all get the route's normal answer (the same TwiML
// for each copy), leave one event and cause one effect: one call, one callback request per
// voicemail, one survey SMS job, one opt-out confirmation.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml, type XmlElement } from "../../../server/hotline/simulator/xml.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { seedDemo } from "../../helpers/demo.js";
import { openAllWeek } from "../../helpers/hours.js";
import { signedPost } from "../../helpers/twilio.js";

const COPIES = 20;
const HOTLINE = "+842563822478";
let t: TestApp;

beforeAll(async () => {
  // Twilio's own limit as the step budget: a copy answered by the safe fallback would differ from the
  // others, and this test is about exactly-once, not speed, on a machine that may be busy.
  t = await startTestApp({ VOICE_STEP_BUDGET_MS: "14000" });
  seedDemo(t.config.DATABASE_URL);
  await openAllWeek(t.db);
}, 120_000);
afterAll(() => t.close());

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;
const pathOf = (url: string) => url.slice(t.config.PUBLIC_BASE_URL.length);

/** Posts the same signed request COPIES times at once; every copy must get the same status and body. */
async function copies(path: string, params: Record<string, string>, status = 200): Promise<string> {
  const answers = await Promise.all(Array.from({ length: COPIES }, () => signedPost(t.app, t.config, t.db, path, params)));
  expect(answers.map((a) => a.status)).toEqual(Array(COPIES).fill(status));
  expect(new Set(answers.map((a) => a.body)).size).toBe(1);
  return answers[0]?.body ?? "";
}

const verb = (twiml: string, name: string): XmlElement | undefined => parseXml(twiml).children.find((c) => c.name === name);

function caller(from: string) {
  const callSid = sid("CA");
  const base = { CallSid: callSid, AccountSid: `AC${"0".repeat(32)}`, From: from, To: HOTLINE, Direction: "inbound" };
  return { callSid, base, events: (kind: string) => t.db.callEvent.count({ where: { call: { callSid }, kind } }) };
}

describe("twenty simultaneous copies of each voice webhook", () => {
  it("answered call: incoming, gather, whisper, whisper/accept, recording-status, dial and status each count once", async () => {
    const { callSid, base, events } = caller("0912 345 001");

    const greeting = await copies("/twilio/voice/incoming", { ...base, CallStatus: "ringing" });
    expect(await t.db.call.count({ where: { callSid } })).toBe(1);
    expect(await events("incoming")).toBe(1);

    const menu = verb(greeting, "Gather")?.attributes.action ?? "";
    const subMenu = await copies(pathOf(menu), { ...base, CallStatus: "in-progress", Digits: "2" });
    expect(await events("gather")).toBe(1);

    const dialTwiml = await copies(pathOf(verb(subMenu, "Gather")?.attributes.action ?? ""), {
      ...base,
      CallStatus: "in-progress",
      Digits: "1",
    });
    expect(await events("gather")).toBe(2);
    const dial = verb(dialTwiml, "Dial");
    const number = dial?.children.find((c) => c.name === "Number");
    expect(number?.attributes.url).toBeDefined();

    const leg = { ...base, CallSid: sid("CA"), ParentCallSid: callSid, Direction: "outbound-dial", CallStatus: "in-progress" };
    const whisper = await copies(pathOf(number?.attributes.url ?? ""), leg);
    const accept = verb(whisper, "Gather")?.attributes.action ?? "";
    const accepted = await copies(pathOf(accept), { ...leg, Digits: "1" });
    expect(parseXml(accepted).children.some((c) => c.name === "Hangup")).toBe(false);
    expect(await events("whisper-accept")).toBe(1);

    const recordingSid = sid("RE");
    await copies(
      pathOf(dial?.attributes.recordingStatusCallback ?? ""),
      {
        ...base,
        RecordingSid: recordingSid,
        RecordingStatus: "completed",
        RecordingDuration: "40",
        RecordingChannels: "2",
        RecordingSource: "DialVerb",
        RecordingUrl: `${t.config.TWILIO_API_BASE_URL}/2010-04-01/Accounts/AC/Recordings/${recordingSid}`,
      },
      204,
    );
    expect(await t.db.recording.count({ where: { recordingSid } })).toBe(1);

    const survey = await copies(pathOf(dial?.attributes.action ?? ""), {
      ...base,
      CallStatus: "in-progress",
      DialCallStatus: "completed",
      DialCallDuration: "40",
    });
    expect(verb(survey, "Gather")).toBeDefined();
    expect(await events("dial")).toBe(1);

    // The caller hangs up before answering the survey: one SMS survey job, whatever the copies.
    await copies("/twilio/voice/status", { ...base, CallStatus: "completed", CallDuration: "90" }, 204);
    expect(await events("status")).toBe(1);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid } });
    expect(call).toMatchObject({ status: "completed", termination: "answered", talkSeconds: 40 });
    const jobs = await t.app.queues.surveys.getJobs(["waiting", "delayed", "active", "completed", "failed"]);
    expect(jobs.filter((job) => job.data.callId === call.id)).toHaveLength(1);
  }, 60_000);

  it("voicemail: twenty copies of the record callback leave one callback request", async () => {
    const { callSid, base, events } = caller("0912 345 002");
    let twiml = await copies("/twilio/voice/incoming", { ...base, CallStatus: "ringing" });
    twiml = await copies(pathOf(verb(twiml, "Gather")?.attributes.action ?? ""), { ...base, CallStatus: "in-progress", Digits: "9" });
    // Nobody answers anywhere along the fallback chain, down to voicemail.
    for (let dial = verb(twiml, "Dial"); dial; dial = verb(twiml, "Dial")) {
      twiml = await copies(pathOf(dial.attributes.action ?? ""), {
        ...base,
        CallStatus: "in-progress",
        DialCallStatus: "no-answer",
        DialCallDuration: "0",
      });
    }
    const record = verb(twiml, "Record");
    expect(record).toBeDefined();

    const recordingSid = sid("RE");
    await copies(
      pathOf(record?.attributes.recordingStatusCallback ?? ""),
      { ...base, RecordingSid: recordingSid, RecordingStatus: "completed", RecordingDuration: "12", RecordingSource: "RecordVerb" },
      204,
    );
    const goodbye = await copies(pathOf(record?.attributes.action ?? ""), {
      ...base,
      CallStatus: "in-progress",
      RecordingSid: recordingSid,
      RecordingDuration: "12",
    });
    expect(parseXml(goodbye).children.some((c) => c.name === "Hangup")).toBe(true);
    expect(await events("record")).toBe(1);
    const call = await t.db.call.findUniqueOrThrow({ where: { callSid }, include: { callbackRequest: true, recordings: true } });
    expect(call.callbackRequest).toMatchObject({ status: "open" });
    expect(await t.db.callbackRequest.count({ where: { callId: call.id } })).toBe(1);
    expect(call.recordings).toMatchObject([{ recordingSid, kind: "voicemail" }]);
  }, 60_000);
});

describe("twenty simultaneous copies of each SMS webhook", () => {
  it("a delivery receipt moves its message once", async () => {
    const providerMessageId = sid("SM");
    const message = await t.db.smsMessage.create({
      data: { provider: "twilio", recipient: "+84912345003", body: "x", purpose: "survey_link", status: "sent", providerMessageId },
    });
    await copies(`/twilio/sms/status?m=${message.id}`, { MessageSid: providerMessageId, MessageStatus: "delivered" }, 204);
    const after = await t.db.smsMessage.findUniqueOrThrow({ where: { id: message.id } });
    expect(after.status).toBe("delivered");
    expect(after.deliveredAt).not.toBeNull();
  });

  it("an opt-out gets one suppression and one confirmation", async () => {
    const phone = "+84912345004";
    const answer = await copies("/twilio/sms/inbound", { From: phone, Body: "TC", MessageSid: sid("SM") });
    expect(parseXml(answer)).toMatchObject({ name: "Response", children: [] });
    expect(await t.db.suppression.count({ where: { phone } })).toBe(1);
    expect(await t.db.smsMessage.count({ where: { recipient: phone, purpose: "opt_out_confirmation" } })).toBe(1);
  });
});
