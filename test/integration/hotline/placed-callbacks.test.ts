// "Gọi lại" through the hotline, as Twilio meets it: the console places the staff member's call through
// Twilio's REST API (a local stub), then every webhook Twilio would send, signed, following the TwiML.
// The staff leg rings first; the citizen is called from the hotline's number; the attempt, its outcome,
// duration and recording land on the callback request; the citizen ends with the hotline's survey.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseXml, type XmlElement } from "../../../server/hotline/simulator/xml.js";
import { createUser, login, startTestApp, type TestApp } from "../../helpers/app.js";
import { HOTLINE, insertCall } from "../../helpers/calls.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../../helpers/demo.js";
import { signedPost } from "../../helpers/twilio.js";
import {
  STUB_ACCOUNT_SID,
  STUB_AUTH_TOKEN,
  type StubRequest,
  startTwilioRestStub,
  type TwilioRestStub,
} from "../../helpers/twilio-rest-stub.js";

let t: TestApp;
let stub: TwilioRestStub;
let agent: { id: number; cookie: string; phone: string };
let colleague: { cookie: string };
let agencyId: number;

const CITIZEN = "+84912345678";
const CREATE = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Calls\.json$/;
const UPDATE = /^\/2010-04-01\/Accounts\/AC[0-9a-f]{32}\/Calls\/(CA[0-9a-f]{32})\.json$/;
const sid = () => `CA${randomBytes(16).toString("hex")}`;

beforeAll(async () => {
  stub = await startTwilioRestStub();
  stub.handle((request) => {
    if (request.method === "POST" && CREATE.test(request.path)) return { status: 201, body: { sid: sid(), status: "queued" } };
    const updated = UPDATE.exec(request.path)?.[1];
    return updated && request.method === "POST" ? { status: 200, body: { sid: updated, status: "in-progress" } } : undefined;
  });
  t = await startTestApp({ TWILIO_ACCOUNT_SID: STUB_ACCOUNT_SID, TWILIO_AUTH_TOKEN: STUB_AUTH_TOKEN, TWILIO_API_BASE_URL: stub.url });
  seedDemo(t.config.DATABASE_URL);
  await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
  agencyId = (await t.db.agency.findUniqueOrThrow({ where: { code: "VPDKDD" } })).id;
  const make = (username: string, phone: string) =>
    createUser(t.db, { username, roles: ["agent"], agencyId, phone, presence: "available" });
  const a = await make("cb-agent", "+84905111222");
  await make("cb-colleague", "+84905333444");
  agent = { id: a.id, cookie: await login(t.app, "cb-agent"), phone: "+84905111222" };
  colleague = { cookie: await login(t.app, "cb-colleague") };
}, 120_000);
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

/** A callback request left by a citizen who called the hotline. */
async function callbackRequest() {
  const call = await insertCall(t.db, { caller: CITIZEN, hotline: HOTLINE, agencyId, topic: "dat_dai", status: "completed" });
  return t.db.callbackRequest.create({ data: { agencyId, phone: CITIZEN, callId: call.id, dueAt: new Date() } });
}

const api = (cookie: string, method: "GET" | "POST", url: string) => t.app.inject({ method, url, headers: { cookie } });
const creates = (from: number) => stub.requests.slice(from).filter((r) => r.method === "POST" && CREATE.test(r.path));
/** Twilio posts a webhook to one of the URLs it was given, signed. */
async function twilio(url: string, params: Record<string, string>) {
  const path = url.slice(t.config.PUBLIC_BASE_URL.length);
  const response = await signedPost(t.app, t.config, t.db, path, { AccountSid: STUB_ACCOUNT_SID, ...params });
  expect(response.status, `${path}: ${response.body}`).toBeLessThan(300);
  return response;
}
const xml = (body: string) => parseXml(body);
const verbs = (doc: XmlElement) => doc.children.map((c) => c.name);
const conferenceOf = (doc: XmlElement) => doc.children.find((c) => c.name === "Dial")?.children.find((c) => c.name === "Conference");

async function place(requestId: number): Promise<{ staffCall: StubRequest; attemptId: number }> {
  const before = stub.requests.length;
  const response = await api(agent.cookie, "POST", `/api/callback-requests/${requestId}/call`);
  expect(response.statusCode, response.body).toBe(200);
  const [staffCall] = creates(before);
  if (!staffCall) throw new Error("no call placed");
  const attemptId = Number(new URL(staffCall.body.Url ?? "").searchParams.get("attempt"));
  return { staffCall, attemptId };
}

describe("a callback placed through the hotline", () => {
  it("rings the staff member first, then the citizen from the hotline's number; the attempt, recording and survey land on the request", async () => {
    const request = await callbackRequest();
    const { staffCall, attemptId } = await place(request.id);
    // The staff member's phone first, from the hotline's number.
    expect(staffCall.body).toMatchObject({ To: agent.phone, From: HOTLINE });
    expect((await api(agent.cookie, "GET", `/api/callback-requests/${request.id}`)).json()).toMatchObject({
      claimedById: agent.id,
      attempts: [{ placed: true, state: "staff_ringing", outcome: null }],
    });
    const staffSid = sid();

    // A phone may be its voicemail: the whisper asks for a key before the citizen is called.
    const whisper = xml((await twilio(staffCall.body.Url ?? "", { CallSid: staffSid, To: agent.phone, From: HOTLINE })).body);
    const gather = whisper.children.find((c) => c.name === "Gather");
    expect(gather?.children[0]?.text).toContain("Nhấn phím 1");
    expect(creates(0).filter((r) => r.body.To === CITIZEN)).toHaveLength(0);

    const before = stub.requests.length;
    const joined = xml((await twilio(gather?.attributes.action ?? "", { CallSid: staffSid, Digits: "1" })).body);
    expect(conferenceOf(joined)?.text.trim()).toBe(`callback-${attemptId}`);
    // A retried key press neither calls the citizen twice nor changes the answer.
    const again = xml((await twilio(gather?.attributes.action ?? "", { CallSid: staffSid, Digits: "1" })).body);
    expect(conferenceOf(again)?.text.trim()).toBe(`callback-${attemptId}`);
    const citizenCalls = creates(before);
    expect(citizenCalls).toHaveLength(1);
    // The citizen sees the hotline's number, never the staff member's.
    expect(citizenCalls[0]?.body).toMatchObject({ To: CITIZEN, From: HOTLINE });
    expect(JSON.stringify(citizenCalls[0]?.body)).not.toContain(agent.phone.slice(3));

    const citizenSid = sid();
    const citizenTwiml = xml((await twilio(citizenCalls[0]?.body.Url ?? "", { CallSid: citizenSid, To: CITIZEN, From: HOTLINE })).body);
    expect(verbs(citizenTwiml)).toEqual(["Say", "Dial"]);
    const conference = conferenceOf(citizenTwiml);
    expect(conference?.text.trim()).toBe(`callback-${attemptId}`);
    expect(conference?.attributes.record).toBe("record-from-start");
    await twilio(conference?.attributes.recordingStatusCallback ?? "", {
      ConferenceSid: `CF${"1".repeat(32)}`,
      RecordingSid: `RE${"2".repeat(32)}`,
      RecordingStatus: "completed",
      RecordingDuration: "75",
      RecordingChannels: "1",
      RecordingUrl: `${stub.url}/recordings/RE${"2".repeat(32)}`,
    });
    const talking = (await api(agent.cookie, "GET", `/api/callback-requests/${request.id}`)).json();
    expect(talking.attempts[0]).toMatchObject({ state: "connected", callId: expect.any(Number) });
    const staffNow = await t.db.user.findUniqueOrThrow({ where: { id: agent.id } });
    expect(staffNow.presence).toBe("on_call");

    // The staff member hangs up: the conference ends, the citizen's Dial action runs the hotline's survey.
    const dial = citizenTwiml.children.find((c) => c.name === "Dial");
    const survey = xml((await twilio(dial?.attributes.action ?? "", { CallSid: citizenSid, DialCallStatus: "completed" })).body);
    const question = survey.children.find((c) => c.name === "Gather");
    expect(question?.children.map((c) => c.text).join(" ")).toMatch(/hài lòng/i);
    const second = xml((await twilio(question?.attributes.action ?? "", { CallSid: citizenSid, Digits: "1" })).body);
    const resolved = second.children.find((c) => c.name === "Gather");
    const goodbye = xml((await twilio(resolved?.attributes.action ?? "", { CallSid: citizenSid, Digits: "1" })).body);
    expect(verbs(goodbye)).toContain("Hangup");
    await twilio(staffCall.body.StatusCallback ?? "", { CallSid: staffSid, CallStatus: "completed" });
    await twilio(citizenCalls[0]?.body.StatusCallback ?? "", { CallSid: citizenSid, CallStatus: "completed", CallDuration: "90" });

    const done = (await api(agent.cookie, "GET", `/api/callback-requests/${request.id}`)).json();
    expect(done).toMatchObject({ status: "called_back" });
    expect(done.attempts[0]).toMatchObject({ placed: true, state: "ended", outcome: "reached", durationSeconds: expect.any(Number) });
    const call = (await api(agent.cookie, "GET", `/api/calls/${done.attempts[0].callId}`)).json();
    expect(call).toMatchObject({ staffId: agent.id, agencyId, termination: "answered", hotline: HOTLINE, caller: CITIZEN });
    expect(call.recordings).toHaveLength(1);
    expect(call.surveyAnswers.map((a: { value: number }) => a.value)).toEqual([1, 1]);
    expect((await t.db.user.findUniqueOrThrow({ where: { id: agent.id } })).presence).not.toBe("on_call");
  });

  it("counts a citizen who does not answer as a try, lets the staff member go with a word, and keeps a staff no-answer out of the count", async () => {
    const request = await callbackRequest();
    // The staff member lets their own phone ring out: the request stays as it was.
    const first = await place(request.id);
    await twilio(first.staffCall.body.StatusCallback ?? "", { CallSid: sid(), CallStatus: "no-answer" });
    let shown = (await api(agent.cookie, "GET", `/api/callback-requests/${request.id}`)).json();
    expect(shown).toMatchObject({ status: "open" });
    expect(shown.attempts[0]).toMatchObject({ outcome: "staff_unanswered", state: "ended" });

    // Next try: the staff member takes it, the citizen does not answer.
    const second = await place(request.id);
    const staffSid = sid();
    const whisper = xml((await twilio(second.staffCall.body.Url ?? "", { CallSid: staffSid, To: agent.phone })).body);
    const before = stub.requests.length;
    await twilio(whisper.children.find((c) => c.name === "Gather")?.attributes.action ?? "", { CallSid: staffSid, Digits: "1" });
    const [citizenCall] = creates(before);
    await twilio(citizenCall?.body.StatusCallback ?? "", { CallSid: sid(), CallStatus: "no-answer" });
    shown = (await api(agent.cookie, "GET", `/api/callback-requests/${request.id}`)).json();
    expect(shown.attempts[1]).toMatchObject({ outcome: "no_answer", state: "ended" });
    // Due again two hours later; the staff member's waiting leg is moved to a short explanation.
    expect(new Date(shown.dueAt).getTime()).toBeGreaterThan(Date.now() + 3_500_000);
    const moved = stub.requests.find((r) => r.path.endsWith(`/Calls/${staffSid}.json`));
    expect(moved?.body.Url).toContain("/twilio/voice/callback/staff/informed");
    const informed = xml((await twilio(moved?.body.Url ?? "", { CallSid: staffSid })).body);
    expect(informed.children.find((c) => c.name === "Say")?.text).toContain("không nghe máy");
  });

  it("refuses a second call while one goes on, and a colleague's call on a claimed request", async () => {
    const request = await callbackRequest();
    await place(request.id);
    const twice = await api(agent.cookie, "POST", `/api/callback-requests/${request.id}/call`);
    expect(twice.statusCode).toBe(409);
    expect(twice.json().errors).toEqual({ status: "tthc.validation.callback_in_progress" });
    const other = await api(colleague.cookie, "POST", `/api/callback-requests/${request.id}/call`);
    expect(other.statusCode).toBe(409);
    expect(other.json().errors).toEqual({ claimedById: "tthc.validation.callback_claimed" });
    const audit = await t.db.auditLog.findMany({
      where: { resource: "callback-requests", resourceId: String(request.id), action: "place_call" },
    });
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain("912345678");
  });

  it("answers unknown attempts and hostile input without an error Twilio would hear", async () => {
    const unknown = await signedPost(t.app, t.config, t.db, "/twilio/voice/callback/staff?attempt=999999", { CallSid: sid() });
    expect(unknown.status).toBe(200);
    expect(verbs(xml(unknown.body))).toEqual(["Hangup"]);
    const bad = await signedPost(t.app, t.config, t.db, "/twilio/voice/callback/staff?attempt=1e99", { CallSid: sid() });
    expect(bad.status).toBe(400);
    const unsigned = await t.app.inject({
      method: "POST",
      url: "/twilio/voice/callback/staff?attempt=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "CallSid=CA1",
    });
    expect(unsigned.statusCode).toBe(403);
  });
});
