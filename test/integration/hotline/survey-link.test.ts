// The post-call survey by SMS: the job (queue plumbing, idempotency, no personal data in Redis)
// and the one-page survey it links to.
import { QueueEvents, Worker } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { hashSurveyToken } from "../../../server/hotline/surveys/links.js";
import { scheduleSurveySms, sendSurveySms, surveysProcessor } from "../../../server/hotline/surveys/sms-job.js";
import { createTwilioSmsProvider } from "../../../server/messaging/vendors/twilio.js";
import { queueOptions, SURVEYS_QUEUE } from "../../../server/platform/jobs/queues.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { insertCall } from "../../helpers/calls.js";
import { startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

const CALLER = "+84912345678";
let t: TestApp;
let stub: TwilioRestStub;

beforeAll(async () => {
  stub = await startTwilioRestStub();
  t = await startTestApp({ PUBLIC_BASE_URL: "https://tongdai-tthc.gialai.gov.vn", SURVEY_LINK_MAX_MISSES: "20" });
});
afterAll(async () => {
  await t?.close();
  await stub?.close();
});
beforeEach(() => {
  stub.requests.length = 0;
  stub.handle(undefined);
});

const deps = () => ({
  db: t.db,
  provider: createTwilioSmsProvider({ client: stub.client(), messagingServiceSid: `MG${"0c".repeat(16)}` }),
  publicBaseUrl: t.config.PUBLIC_BASE_URL,
});

function makeCall(data: { termination?: "answered" | "hung_up_in_ivr" | null; caller?: string } = {}) {
  return insertCall(t.db, {
    caller: data.caller ?? CALLER,
    termination: data.termination === undefined ? "answered" : data.termination,
    endedAt: new Date(),
  });
}

/** A call whose survey SMS went out; returns the token read from the message Twilio received. */
async function surveyedCall() {
  const call = await makeCall();
  stub.requests.length = 0;
  const outcome = await sendSurveySms(deps(), call.id);
  expect(outcome.sent).toBe(true);
  const body = stub.requests[0]?.body.Body ?? "";
  const token = /\/s\/([A-Za-z0-9_-]{43})$/.exec(body)?.[1];
  if (!token) throw new Error(`no token in ${body}`);
  return { call, token };
}

const submit = (token: string, form: Record<string, string>) =>
  t.app.inject({
    method: "POST",
    url: `/s/${token}`,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    payload: new URLSearchParams(form).toString(),
  });

describe("survey SMS job", () => {
  it("queues the call id only, once per call", async () => {
    const queue = t.app.queues.surveys;
    await scheduleSurveySms(queue, 4242);
    await scheduleSurveySms(queue, 4242);
    const jobs = await queue.getJobs(["waiting", "delayed", "active", "completed", "failed"]);
    const mine = jobs.filter((job) => job.id === "survey-sms-4242");
    expect(mine).toHaveLength(1);
    expect(mine[0]?.name).toBe("survey-sms");
    expect(mine[0]?.data).toEqual({ callId: 4242 });
    expect(JSON.stringify(jobs.map((job) => job.data))).not.toMatch(/\+?84\d{9}|0\d{9}/);
    await queue.obliterate({ force: true });
  });

  it("texts the caller of an answered call once, whatever happens afterwards", async () => {
    const call = await makeCall();
    expect(await sendSurveySms(deps(), call.id)).toMatchObject({ sent: true });
    expect(await sendSurveySms(deps(), call.id)).toEqual({ sent: false, reason: "already_sent" });
    expect(stub.requests).toHaveLength(1);
    const body = stub.requests[0]?.body.Body ?? "";
    expect(stub.requests[0]?.body.To).toBe(CALLER);
    expect(body).toMatch(
      /^Tong dai TTHC Gia Lai: moi ong\/ba danh gia cuoc goi: https:\/\/tongdai-tthc\.gialai\.gov\.vn\/s\/[A-Za-z0-9_-]{43}$/,
    );
    expect(body.length).toBeLessThanOrEqual(160);
    const token = body.split("/s/")[1] ?? "";
    const link = await t.db.surveyLink.findUniqueOrThrow({ where: { callId: call.id } });
    expect(link.id).toBe(hashSurveyToken(token));
    expect(link.id).not.toContain(token);
    expect(link.expiresAt.getTime() - link.createdAt.getTime()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    expect(await t.db.smsMessage.count({ where: { callId: call.id, purpose: "survey_link" } })).toBe(1);
  });

  it("sends nothing for unanswered calls, calls already surveyed, or landlines", async () => {
    const unanswered = await makeCall({ termination: "hung_up_in_ivr" });
    expect(await sendSurveySms(deps(), unanswered.id)).toEqual({ sent: false, reason: "not_answered" });
    const surveyed = await makeCall();
    await t.db.surveyAnswer.create({ data: { callId: surveyed.id, question: "satisfaction", value: 1, channel: "ivr" } });
    expect(await sendSurveySms(deps(), surveyed.id)).toEqual({ sent: false, reason: "answered_survey" });
    const landline = await makeCall({ caller: "+842563822478" });
    expect(await sendSurveySms(deps(), landline.id)).toEqual({ sent: false, reason: "no_mobile" });
    expect(await sendSurveySms(deps(), 999_999)).toEqual({ sent: false, reason: "no_call" });
    expect(stub.requests).toHaveLength(0);
    expect(await t.db.surveyLink.count({ where: { callId: { in: [unanswered.id, surveyed.id, landline.id] } } })).toBe(0);
  });

  it("retries a transient failure with a new link, and gives up at once on a permanent one", async () => {
    const call = await makeCall();
    stub.handle(() => ({ status: 503, body: { code: 20503, message: "unavailable", status: 503 } }));
    await expect(sendSurveySms(deps(), call.id)).rejects.toMatchObject({ transient: true });
    const firstHash = (await t.db.surveyLink.findUniqueOrThrow({ where: { callId: call.id } })).id;
    stub.handle(undefined);
    expect(await sendSurveySms(deps(), call.id)).toMatchObject({ sent: true });
    expect((await t.db.surveyLink.findUniqueOrThrow({ where: { callId: call.id } })).id).not.toBe(firstHash);
    expect(await sendSurveySms(deps(), call.id)).toEqual({ sent: false, reason: "already_sent" });
    expect(stub.requests).toHaveLength(2);

    const unsubscribed = await makeCall();
    stub.handle(() => ({ status: 400, body: { code: 21610, message: "unsubscribed", status: 400 } }));
    const processor = surveysProcessor(deps());
    const job = { name: "survey-sms", data: { callId: unsubscribed.id } } as Parameters<typeof processor>[0];
    await expect(processor(job)).rejects.toMatchObject({ name: "UnrecoverableError" });
  });

  it("runs through a real worker: one SMS per call even when the job is scheduled twice", async () => {
    const call = await makeCall();
    const options = queueOptions(t.config);
    const events = new QueueEvents(SURVEYS_QUEUE, { connection: options.connection, prefix: options.prefix });
    await events.waitUntilReady();
    const worker = new Worker(SURVEYS_QUEUE, surveysProcessor(deps()), options);
    try {
      const done = new Promise<unknown>((resolve) =>
        events.on("completed", ({ jobId, returnvalue }) => jobId === `survey-sms-${call.id}` && resolve(returnvalue)),
      );
      await scheduleSurveySms(t.app.queues.surveys, call.id);
      await scheduleSurveySms(t.app.queues.surveys, call.id);
      expect(await done).toMatchObject({ sent: true });
      await scheduleSurveySms(t.app.queues.surveys, call.id);
    } finally {
      await worker.close();
      await events.close();
    }
    expect(stub.requests.filter((r) => r.body.To === CALLER)).toHaveLength(1);
  });
});

describe("survey page", () => {
  it("serves a small page without JavaScript, in Vietnamese", async () => {
    const { token } = await surveyedCall();
    const response = await t.app.inject({ method: "GET", url: `/s/${token}` });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(response.headers["cache-control"]).toBe("no-store");
    expect(response.headers["referrer-policy"]).toBe("no-referrer");
    expect(Buffer.byteLength(response.body)).toBeLessThan(10_000);
    expect(response.body).not.toMatch(/<script/i);
    for (const text of ["Rất hài lòng", "Hài lòng", "Không hài lòng", "Vấn đề đã được giải đáp chưa?", "Đã", "Chưa"]) {
      expect(response.body).toContain(text);
    }
    expect(response.body).toContain(`<form method="post" action="/s/${token}">`);
  });

  it("stores the answers once; a second use is refused and changes nothing", async () => {
    const { call, token } = await surveyedCall();
    const first = await submit(token, { satisfaction: "2", resolved: "1" });
    expect(first.statusCode).toBe(200);
    expect(first.body).toContain("Cảm ơn");
    const answers = await t.db.surveyAnswer.findMany({ where: { callId: call.id }, orderBy: { question: "asc" } });
    expect(answers.map(({ question, value, channel }) => ({ question, value, channel }))).toEqual([
      { question: "resolved", value: 1, channel: "web" },
      { question: "satisfaction", value: 2, channel: "web" },
    ]);
    const usedAt = (await t.db.surveyLink.findUniqueOrThrow({ where: { callId: call.id } })).usedAt;
    expect(usedAt).toBeInstanceOf(Date);

    const second = await submit(token, { satisfaction: "3", resolved: "2" });
    expect(second.statusCode).toBe(410);
    expect(second.body).toContain("đã được sử dụng");
    expect((await t.app.inject({ method: "GET", url: `/s/${token}` })).statusCode).toBe(410);
    expect(await t.db.surveyAnswer.findMany({ where: { callId: call.id }, orderBy: { question: "asc" } })).toEqual(answers);
    expect((await t.db.surveyLink.findUniqueOrThrow({ where: { callId: call.id } })).usedAt).toEqual(usedAt);
  });

  it("accepts one of two concurrent submissions", async () => {
    const { call, token } = await surveyedCall();
    const responses = await Promise.all([submit(token, { satisfaction: "1" }), submit(token, { satisfaction: "3" })]);
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 410]);
    const answers = await t.db.surveyAnswer.findMany({ where: { callId: call.id } });
    expect(answers).toHaveLength(1);
  });

  it("asks again when no satisfaction level was chosen", async () => {
    const { call, token } = await surveyedCall();
    const response = await submit(token, { resolved: "1" });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain("Xin ông/bà chọn mức độ hài lòng");
    expect(await t.db.surveyAnswer.count({ where: { callId: call.id } })).toBe(0);
    expect((await t.db.surveyLink.findUniqueOrThrow({ where: { callId: call.id } })).usedAt).toBeNull();
  });

  it("refuses an expired link and changes nothing", async () => {
    const { call, token } = await surveyedCall();
    await t.db.surveyLink.update({ where: { callId: call.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const get = await t.app.inject({ method: "GET", url: `/s/${token}` });
    expect(get.statusCode).toBe(410);
    expect(get.body).toContain("hết hạn");
    expect((await submit(token, { satisfaction: "1" })).statusCode).toBe(410);
    expect(await t.db.surveyAnswer.count({ where: { callId: call.id } })).toBe(0);
    expect((await t.db.surveyLink.findUniqueOrThrow({ where: { callId: call.id } })).usedAt).toBeNull();
  });

  it("answers 404 for unknown links and slows down an address that keeps guessing", async () => {
    const unknown = "A".repeat(43);
    const first = await t.app.inject({ method: "GET", url: `/s/${unknown}`, remoteAddress: "10.9.9.9" });
    expect(first.statusCode).toBe(404);
    expect(first.body).toContain("Không tìm thấy");
    expect((await t.app.inject({ method: "GET", url: "/s/short", remoteAddress: "10.9.9.9" })).statusCode).toBe(404);
    let last = 0;
    for (let i = 0; i < 25; i++) last = (await t.app.inject({ method: "GET", url: `/s/${unknown}`, remoteAddress: "10.9.9.9" })).statusCode;
    expect(last).toBe(429);
    // Another address is unaffected.
    const { token } = await surveyedCall();
    expect((await t.app.inject({ method: "GET", url: `/s/${token}`, remoteAddress: "10.1.1.1" })).statusCode).toBe(200);
  });

  it("opens and takes valid links for citizens behind one carrier address, whatever misses it had (CGNAT)", async () => {
    const carrier = "100.64.0.1";
    const unknown = "B".repeat(43);
    for (let i = 0; i < 25; i++) await t.app.inject({ method: "GET", url: `/s/${unknown}`, remoteAddress: carrier });
    expect((await t.app.inject({ method: "GET", url: `/s/${unknown}`, remoteAddress: carrier })).statusCode).toBe(429);

    for (let citizen = 0; citizen < 3; citizen++) {
      const { call, token } = await surveyedCall();
      const page = await t.app.inject({ method: "GET", url: `/s/${token}`, remoteAddress: carrier });
      expect(page.statusCode).toBe(200);
      const answer = await t.app.inject({
        method: "POST",
        url: `/s/${token}`,
        remoteAddress: carrier,
        headers: { "content-type": "application/x-www-form-urlencoded" },
        payload: "satisfaction=1",
      });
      expect(answer.statusCode).toBe(200);
      expect(await t.db.surveyAnswer.count({ where: { callId: call.id } })).toBe(1);
    }
  });
});
