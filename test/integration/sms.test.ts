// The SMS layer against a real database, with Twilio's REST API replaced by a local HTTP stub that
// the real SDK talks to, and delivery receipts posted to the app signed like Twilio's.
import { type Queue, Worker } from "bullmq";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { queueOptions, SINK_RECEIPTS_QUEUE, sinkReceiptsQueue } from "../../server/jobs/queues.js";
import { applyMessageStatus, sendSms } from "../../server/sms/messages.js";
import { SmsSendError } from "../../server/sms/provider.js";
import { createSinkSmsProvider } from "../../server/sms/sink.js";
import {
  queuedSinkReceipts,
  type SinkReceiptJobData,
  type SinkReceipts,
  sinkReceiptJobId,
  sinkReceiptProcessor,
} from "../../server/sms/sink-receipts.js";
import { createTwilioSmsProvider } from "../../server/sms/twilio.js";
import { startTestApp, type TestApp } from "../helpers/app.js";
import { signedPost } from "../helpers/twilio.js";
import { STUB_ACCOUNT_SID, STUB_AUTH_TOKEN, startTwilioRestStub, type TwilioRestStub } from "../helpers/twilio-rest-stub.js";

const SERVICE = `MG${"0b".repeat(16)}`;
const TO = "+84912345678";
let t: TestApp;
let stub: TwilioRestStub;

beforeAll(async () => {
  stub = await startTwilioRestStub();
  t = await startTestApp();
});
afterAll(async () => {
  await t?.close();
  await stub?.close();
});
beforeEach(() => {
  stub.requests.length = 0;
  stub.handle(undefined);
});

const twilioProvider = (options: { from?: string; messagingServiceSid?: string } = { messagingServiceSid: SERVICE }) =>
  createTwilioSmsProvider({ client: stub.client(), now: () => new Date("2026-03-02T03:00:00Z"), ...options });

describe("Twilio provider", () => {
  it("records the message, then sends it with the status callback and validity period", async () => {
    const sent = await sendSms(
      t.db,
      twilioProvider(),
      { to: TO, body: "Xin chao", purpose: "test", validUntil: new Date("2026-03-02T04:00:00Z") },
      { publicBaseUrl: t.config.PUBLIC_BASE_URL },
    );
    expect(stub.requests).toHaveLength(1);
    const [request] = stub.requests;
    expect(request?.method).toBe("POST");
    expect(request?.path).toBe(`/2010-04-01/Accounts/${STUB_ACCOUNT_SID}/Messages.json`);
    expect(request?.authorization).toBe(`Basic ${Buffer.from(`${STUB_ACCOUNT_SID}:${STUB_AUTH_TOKEN}`).toString("base64")}`);
    expect(request?.body).toEqual({
      To: TO,
      Body: "Xin chao",
      MessagingServiceSid: SERVICE,
      StatusCallback: `${t.config.PUBLIC_BASE_URL}/twilio/sms/status?m=${sent.id}`,
      ValidityPeriod: "3600",
    });
    const row = await t.db.smsMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ provider: "twilio", recipient: TO, status: "queued", purpose: "test" });
    expect(row.providerMessageId).toMatch(/^SM[0-9a-f]{32}$/);
    expect(row.providerMessageId).toBe(sent.providerMessageId);
  });

  it("sends from a single sender when no Messaging Service is configured, without optional fields", async () => {
    await sendSms(t.db, twilioProvider({ from: "TTHC-GiaLai" }), { to: TO, body: "b", purpose: "test" });
    expect(stub.requests[0]?.body).toEqual({ To: TO, Body: "b", From: "TTHC-GiaLai" });
  });

  it("caps the validity period at Twilio's 10 hours and refuses an already expired message", async () => {
    const provider = twilioProvider();
    await provider.send({ to: TO, body: "b", validUntil: new Date("2026-03-05T00:00:00Z") });
    expect(stub.requests[0]?.body.ValidityPeriod).toBe("36000");
    await expect(provider.send({ to: TO, body: "b", validUntil: new Date("2026-03-01T00:00:00Z") })).rejects.toMatchObject({
      transient: false,
      code: "expired",
    });
    expect(stub.requests).toHaveLength(1);
  });

  it.each([
    [400, 21610, false],
    [400, 21614, false],
    [400, 21211, false],
    [429, 20429, true],
    [503, 20503, true],
  ])("HTTP %i with code %i: transient=%s, row marked failed with the code", async (status, code, transient) => {
    stub.handle(() => ({ status, body: { code, message: `error ${code}`, status } }));
    const error = await sendSms(t.db, twilioProvider(), { to: TO, body: "b", purpose: `err-${code}` }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SmsSendError);
    expect(error).toMatchObject({ transient, code: String(code) });
    const row = await t.db.smsMessage.findFirstOrThrow({ where: { purpose: `err-${code}` } });
    expect(row).toMatchObject({ status: "failed", errorCode: String(code), providerMessageId: null });
  });

  it("treats an unreachable Twilio as transient", async () => {
    const closed = await startTwilioRestStub();
    const client = closed.client();
    await closed.close();
    const provider = createTwilioSmsProvider({ client, messagingServiceSid: SERVICE });
    await expect(provider.send({ to: TO, body: "b" })).rejects.toMatchObject({ transient: true });
  });
});

describe("status callback", () => {
  const receipt = (id: number, sid: string, status: string, extra: Record<string, string> = {}) =>
    signedPost(t.app, t.config, t.db, `/twilio/sms/status?m=${id}`, {
      AccountSid: STUB_ACCOUNT_SID,
      MessageSid: sid,
      MessageStatus: status,
      SmsStatus: status,
      ...extra,
    });

  it("moves a message forward only, whatever order the receipts arrive in", async () => {
    const sent = await sendSms(t.db, twilioProvider(), { to: TO, body: "b", purpose: "cb" }, { publicBaseUrl: t.config.PUBLIC_BASE_URL });
    expect((await receipt(sent.id, sent.providerMessageId, "sent")).status).toBe(204);
    expect((await t.db.smsMessage.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe("sent");
    expect((await receipt(sent.id, sent.providerMessageId, "delivered")).status).toBe(204);
    // Late and repeated receipts change nothing.
    await receipt(sent.id, sent.providerMessageId, "sending");
    await receipt(sent.id, sent.providerMessageId, "sent");
    await receipt(sent.id, sent.providerMessageId, "undelivered", { ErrorCode: "30003" });
    const row = await t.db.smsMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row.status).toBe("delivered");
    expect(row.deliveredAt).toBeInstanceOf(Date);
    expect(row.sentAt).toBeInstanceOf(Date);
    expect(row.errorCode).toBeNull();
  });

  it("records the error code of an undelivered message", async () => {
    const sent = await sendSms(t.db, twilioProvider(), { to: TO, body: "b", purpose: "cb" }, { publicBaseUrl: t.config.PUBLIC_BASE_URL });
    await receipt(sent.id, sent.providerMessageId, "undelivered", { ErrorCode: "30005" });
    expect(await t.db.smsMessage.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({
      status: "undelivered",
      errorCode: "30005",
    });
  });

  it("repairs a message whose provider id was never recorded (crash between send and record)", async () => {
    const row = await t.db.smsMessage.create({
      data: { provider: "twilio", recipient: TO, body: "b", purpose: "crash", status: "queued" },
    });
    await receipt(row.id, "SMcrash0000000000000000000000000", "delivered");
    expect(await t.db.smsMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      status: "delivered",
      providerMessageId: "SMcrash0000000000000000000000000",
    });
    // A receipt naming another message for this row is ignored.
    expect(await applyMessageStatus(t.db, { messageId: row.id, providerMessageId: "SMother", status: "failed", at: new Date() })).toBe(
      false,
    );
  });

  it("refuses unsigned receipts", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/twilio/sms/status?m=1",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: "MessageSid=SMx&MessageStatus=delivered",
    });
    expect(response.statusCode).toBe(403);
  });
});

describe("sink provider", () => {
  // The receipts go through the worker's real queue and processor, as in the worker process.
  let receiptsQueue: Queue;
  let receiptsWorker: Worker;
  let receipts: SinkReceipts;
  beforeAll(() => {
    receiptsQueue = sinkReceiptsQueue(t.config);
    receiptsWorker = new Worker(SINK_RECEIPTS_QUEUE, sinkReceiptProcessor(t.db), queueOptions(t.config));
    receipts = queuedSinkReceipts(receiptsQueue);
  });
  afterAll(async () => {
    await receiptsWorker?.close();
    await receiptsQueue?.close();
  });
  const statusOf = async (id: number, until: string) => {
    let status = "";
    for (let i = 0; i < 100 && status !== until; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      status = (await t.db.smsMessage.findUniqueOrThrow({ where: { id } })).status;
    }
    return status;
  };

  it("records the message and follows with a simulated delivery receipt", async () => {
    const sink = createSinkSmsProvider({ receipts, receiptDelayMs: 0 });
    const sent = await sendSms(t.db, sink, { to: TO, body: "b", purpose: "sink" }, { publicBaseUrl: t.config.PUBLIC_BASE_URL });
    expect(sent.status).toBe("sent");
    expect(await statusOf(sent.id, "delivered")).toBe("delivered");
    expect(await t.db.smsMessage.findUniqueOrThrow({ where: { id: sent.id } })).toMatchObject({ provider: "sink", recipient: TO });
  });

  it("queues the receipt once, with ids only, until it is due", async () => {
    const sink = createSinkSmsProvider({ receipts, receiptDelayMs: 60_000 });
    const sent = await sendSms(t.db, sink, { to: TO, body: "b", purpose: "sink-later" }, { publicBaseUrl: t.config.PUBLIC_BASE_URL });
    const jobId = sinkReceiptJobId(sent.providerMessageId);
    expect(jobId).not.toContain(":");
    const job = await receiptsQueue.getJob(jobId);
    expect(await job?.getState()).toBe("delayed");
    expect(job?.data).toEqual({ messageId: sent.id, providerMessageId: sent.providerMessageId, status: "delivered" });
    expect(JSON.stringify(job?.data)).not.toContain(TO.slice(3));
    // Scheduled again (a retried job): still one receipt.
    await receipts.schedule(job?.data as SinkReceiptJobData, 60_000);
    expect(await receiptsQueue.getDelayedCount()).toBe(1);
    await job?.remove();
  });

  it("simulates refusals and undelivered receipts at the configured rates", async () => {
    const refusing = createSinkSmsProvider({ receipts, failureRate: 1, receiptDelayMs: -1 });
    await expect(sendSms(t.db, refusing, { to: TO, body: "b", purpose: "sink-fail" })).rejects.toMatchObject({ transient: false });
    expect(await t.db.smsMessage.findFirstOrThrow({ where: { purpose: "sink-fail" } })).toMatchObject({ status: "failed" });

    const undelivering = createSinkSmsProvider({ receipts, undeliveredRate: 1, receiptDelayMs: 0 });
    const sent = await sendSms(
      t.db,
      undelivering,
      { to: TO, body: "b", purpose: "sink-undelivered" },
      { publicBaseUrl: t.config.PUBLIC_BASE_URL },
    );
    expect(await statusOf(sent.id, "undelivered")).toBe("undelivered");
  });
});
