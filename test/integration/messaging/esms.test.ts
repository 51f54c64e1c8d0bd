// eSMS.vn through the real provider code against a local stub that answers as eSMS's docs say:
// credentials sealed at rest and never answered, a service (case, survey) SMS through the
// customer-care route, a repeated RequestId after a crash not sent twice, delivery callbacks behind
// the per-sender secret, error codes mapped to the neutral kinds, and hostile input refused.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loggedPath } from "../../../server/app.js";
import { sendCaseSms } from "../../../server/hotline/cases/sms-job.js";
import { sendSms } from "../../../server/messaging/messages.js";
import { SmsSendError } from "../../../server/messaging/provider.js";
import { createServiceSmsProvider } from "../../../server/messaging/registry.js";
import { callbackSecret, openSecrets, sealSecrets } from "../../../server/messaging/secrets.js";
import { createEsmsSmsProvider, type EsmsSmsProvider } from "../../../server/messaging/vendors/esms.js";
import { login, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";
import { type EsmsStub, STUB_API_KEY, STUB_SECRET_KEY, startEsmsStub } from "../../helpers/esms-stub.js";

const KEY = randomBytes(32).toString("base64");
const BRAND = "TTHC GIALAI";
let stub: EsmsStub;
let t: TestApp;
let admin: string;
let senderId: number;
let agent: string;

beforeAll(async () => {
  stub = await startEsmsStub();
  t = await startTestApp({ SMS_SECRETS_KEY: KEY, ESMS_BASE_URL: stub.url, SMS_SERVICE_SENDER: BRAND });
  const province = await seedSmallProvince(t.db);
  admin = await login(t.app, "admin");
  agent = await login(t.app, province.users.agent.username);
});
afterAll(async () => {
  await t?.close();
  await stub?.close();
});

type Method = "GET" | "POST" | "PUT";
const call = (method: Method, url: string, payload?: object) => t.app.inject({ method, url, payload, headers: { cookie: admin } });
/** eSMS's GET, into our app (the path and query of the callback URL eSMS was given). */
const viaApp = async (url: string) => {
  const { pathname, search } = new URL(url);
  return (await t.app.inject({ method: "GET", url: `${pathname}${search}` })).statusCode;
};
const provider = (over: Partial<Parameters<typeof createEsmsSmsProvider>[0]> = {}): EsmsSmsProvider =>
  createEsmsSmsProvider({ baseUrl: stub.url, apiKey: STUB_API_KEY, secretKey: STUB_SECRET_KEY, brandname: BRAND, ...over });

describe("eSMS sender", () => {
  it("seals the credentials, never answers them, and shows the balance", async () => {
    const created = await call("POST", "/api/sms-senders", {
      brandname: BRAND,
      provider: "esms",
      settings: { sandbox: "0" },
      secrets: { apiKey: STUB_API_KEY, secretKey: STUB_SECRET_KEY },
      pricePerSegment: 850,
    });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().secretsSet).toEqual(["apiKey", "secretKey"]);
    senderId = created.json().id;
    for (const body of [
      created.body,
      (await call("GET", `/api/sms-senders/${senderId}`)).body,
      (await call("GET", "/api/sms-senders")).body,
    ]) {
      expect(body).not.toContain(STUB_API_KEY);
      expect(body).not.toContain(STUB_SECRET_KEY);
      expect(body).not.toContain("v1.");
    }
    const row = await t.db.smsSender.findUniqueOrThrow({ where: { id: senderId } });
    const stored = JSON.stringify(row) + JSON.stringify(await t.db.auditLog.findMany({ where: { resource: "sms-senders" } }));
    expect(stored).not.toContain(STUB_API_KEY);
    expect(stored).not.toContain(STUB_SECRET_KEY);
    expect(openSecrets(KEY, row.secrets ?? "")).toEqual({ apiKey: STUB_API_KEY, secretKey: STUB_SECRET_KEY });

    // react-admin sends the record back without the write-only fields: the credentials stay.
    const { secretsSet: _s, ...record } = created.json();
    const updated = await call("PUT", `/api/sms-senders/${senderId}`, {
      ...record,
      secrets: { apiKey: "", secretKey: null },
      pricePerSegment: 900,
    });
    expect(updated.statusCode, updated.body).toBe(200);
    expect(updated.json().secretsSet).toEqual(["apiKey", "secretKey"]);

    const balance = await call("GET", `/api/sms-senders/${senderId}/balance`);
    expect(balance.json()).toEqual({ supported: true, balance: 250_000 });

    const unknown = await call("PUT", `/api/sms-senders/${senderId}`, { ...record, secrets: { password: "x" } });
    expect(unknown.statusCode).toBe(400);
    expect(Object.keys(unknown.json().errors)).toEqual(["secrets"]);
    const inSettings = await call("PUT", `/api/sms-senders/${senderId}`, { ...record, settings: { secretKey: "x" } });
    expect(Object.keys(inSettings.json().errors)).toEqual(["settings"]);
  });

  it("may carry campaigns: its advertising goes in batches (test/integration/outreach/campaign-esms.test.ts)", async () => {
    const created = await call("POST", "/api/campaigns", {
      name: "DVCTT qua eSMS",
      body: "Moi dung DVCTT",
      senderId,
      audience: { listIds: [], segmentIds: [] },
    });
    // Refused for its empty audience only: the sender is one a campaign may use.
    expect(created.statusCode).toBe(400);
    expect(created.json().errors.senderId).toBeUndefined();
    expect(created.json().errors).toHaveProperty("audience");
  });

  it("sends a case notification through the customer-care route with eSMS's fields", async () => {
    const sms = await createServiceSmsProvider({ ...t.config }, {}, t.db);
    expect(sms.name).toBe("esms");
    const sent = await sendSms(t.db, sms, { to: "+84912345678", body: "Hồ sơ của ông/bà đã được tiếp nhận.", purpose: "case_created" });
    const entry = stub.journal.at(-1);
    expect(entry).toMatchObject({
      smsId: sent.providerMessageId,
      phone: "0912345678",
      brandname: BRAND,
      smsType: "2",
      isUnicode: "1",
      sandbox: "0",
      requestId: `tthc-m${sent.id}`,
    });
    expect(entry?.callbackUrl).toBe(`${t.config.PUBLIC_BASE_URL}/esms/sms/status/${senderId}/${callbackSecret(KEY, senderId)}`);
    expect(entry?.content).not.toContain("[QC]");

    // Advertising never goes one by one through the customer-care route.
    const before = stub.journal.length;
    await expect(sendSms(t.db, sms, { to: "+84912345679", body: "QC", purpose: "campaign" })).rejects.toMatchObject({
      code: "esms:advertising_single",
      transient: false,
    });
    expect(stub.journal.length).toBe(before);

    // Delivery callbacks: a wrong secret or sender is a 404; the right one moves the message, once.
    const wrong = entry?.callbackUrl?.replace(/\/[^/]+$/, `/${callbackSecret(randomBytes(32).toString("base64"), senderId)}`) ?? "";
    expect(await stub.deliver(sent.providerMessageId, { sendStatus: 5, success: 1 }, { callbackUrl: wrong, get: viaApp })).toBe(404);
    const otherSender = entry?.callbackUrl?.replace(`/status/${senderId}/`, `/status/${senderId + 1000}/`) ?? "";
    expect(await stub.deliver(sent.providerMessageId, { sendStatus: 5, success: 1 }, { callbackUrl: otherSender, get: viaApp })).toBe(404);
    expect((await t.db.smsMessage.findUniqueOrThrow({ where: { id: sent.id } })).status).toBe("queued");

    expect(await stub.deliver(sent.providerMessageId, { sendStatus: 5, success: 1 }, { get: viaApp })).toBe(204);
    expect(await stub.deliver(sent.providerMessageId, { sendStatus: 7 }, { get: viaApp })).toBe(204);
    const row = await t.db.smsMessage.findUniqueOrThrow({ where: { id: sent.id } });
    expect(row).toMatchObject({ status: "delivered", provider: "esms", purpose: "case_created" });

    // The status look-up by SMSID agrees.
    expect(await provider().status(sent.providerMessageId)).toEqual({ status: "delivered" });
  });

  it("sends a case's creation SMS through the real case job and eSMS's customer-care route", async () => {
    const created = await t.app.inject({
      method: "POST",
      url: "/api/cases",
      payload: { phone: "0987000111", kind: "question", question: "Hỏi về cư trú" },
      headers: { cookie: agent },
    });
    expect(created.statusCode, created.body).toBe(200);
    const caseId = created.json().id as number;
    const sms = await createServiceSmsProvider(t.config, {}, t.db);
    const deps = { db: t.db, provider: sms, publicBaseUrl: t.config.PUBLIC_BASE_URL, hotlineNumber: "+842693000000" };
    expect(await sendCaseSms(deps, caseId, "case_created")).toMatchObject({ sent: true });
    // Once per case, however often the job runs.
    expect(await sendCaseSms(deps, caseId, "case_created")).toMatchObject({ sent: false, reason: "already_sent" });
    const sent = stub.journal.filter((e) => e.phone === "0987000111");
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ smsType: "2", brandname: BRAND });
    expect(sent[0]?.content).not.toContain("[QC]");
    const row = await t.db.smsMessage.findFirstOrThrow({ where: { caseId, purpose: "case_created" } });
    expect(row).toMatchObject({ provider: "esms", providerMessageId: sent[0]?.smsId });
    expect(sent[0]?.requestId).toBe(`tthc-m${row.id}`);
  });

  it("after a crash between send and record, asking again under the same RequestId sends nothing twice", async () => {
    const row = await t.db.smsMessage.create({
      data: { provider: "esms", recipient: "+84987654321", body: "Mời đánh giá: https://x/s/1", purpose: "survey_link", status: "queued" },
    });
    const key = `tthc-m${row.id}`;
    const esms = provider({ callbackUrl: `${t.config.PUBLIC_BASE_URL}/esms/sms/status/${senderId}/${callbackSecret(KEY, senderId)}` });
    // eSMS took it; the process died before recording the SMSID.
    await esms.send({ to: row.recipient, body: row.body, idempotencyKey: key, category: "service" });
    const hint = { to: row.recipient, sentAfter: row.createdAt, body: row.body };
    // Without the route (a campaign's attempt) eSMS is not asked again: nothing could be sent twice.
    expect(await esms.lookup?.(key, hint)).toEqual({ found: "unknown" });
    const lookup = await esms.lookup?.(key, { ...hint, category: "service" });
    expect(lookup).toEqual({ found: true, providerMessageId: `esms-request:${key}` });
    expect(stub.journal.filter((e) => e.requestId === key)).toHaveLength(1);
    await t.db.smsMessage.update({ where: { id: row.id }, data: { providerMessageId: `esms-request:${key}` } });

    // The callback names the real SMSID and our RequestId: the placeholder gives way to it.
    const smsId = stub.journal.find((e) => e.requestId === key)?.smsId ?? "";
    expect(await stub.deliver(smsId, { sendStatus: 5, failed: 1 }, { get: viaApp })).toBe(204);
    expect(await t.db.smsMessage.findUniqueOrThrow({ where: { id: row.id } })).toMatchObject({
      providerMessageId: smsId,
      status: "undelivered",
    });
  });

  it("maps eSMS's codes to the neutral kinds, and slow answers to an unknown outcome", async () => {
    const failure = async (esms: EsmsSmsProvider, to = "+84912000111") => {
      try {
        await esms.send({ to, body: "x", idempotencyKey: `k-${Math.random()}`, category: "service" });
      } catch (error) {
        expect(error).toBeInstanceOf(SmsSendError);
        const e = error as SmsSendError;
        expect(`${e.message} ${JSON.stringify(e)}`).not.toContain(STUB_SECRET_KEY);
        return { code: e.code, kind: e.kind, transient: e.transient, outcomeUnknown: e.outcomeUnknown };
      }
      throw new Error("sent");
    };
    expect(await failure(provider({ secretKey: "wrong" }))).toMatchObject({ code: "101", kind: "rejected", transient: false });
    expect(await failure(provider({ brandname: "NOPE" }))).toMatchObject({ code: "104", kind: "rejected" });
    expect(await failure(provider(), "+8412")).toMatchObject({ code: "108", kind: "invalid_number", transient: false });
    stub.handle(() => ({ body: { CodeResult: "103", ErrorMessage: "Not enough balance" } }));
    expect(await failure(provider())).toMatchObject({ code: "103", kind: "transient", transient: true });
    stub.handle(() => ({ body: { CodeResult: "146", ErrorMessage: "Sai template Brandname CSKH", SMSID: "x" } }));
    expect(await failure(provider())).toMatchObject({ code: "146", kind: "rejected" });
    stub.handle(() => ({ body: { error: "Invalid request" } }));
    expect(await failure(provider())).toMatchObject({ code: "99", kind: "transient", outcomeUnknown: false });
    stub.handle(() => ({ status: 503, body: {} }));
    expect(await failure(provider())).toMatchObject({ kind: "transient", transient: true });
    stub.handle(() => ({ status: 429, body: {} }));
    expect(await failure(provider())).toMatchObject({ kind: "throttled", transient: true });
    stub.handle(undefined);
    stub.delayMs = 400;
    expect(await failure(provider({ timeoutMs: 100 }))).toMatchObject({ code: "timeout", transient: true, outcomeUnknown: true });
    stub.delayMs = 0;
    // Sandbox: eSMS checks the request, nothing is stored or sent.
    const before = stub.journal.length;
    await provider({ sandbox: true }).send({ to: "+84912000222", body: "thử", category: "service" });
    expect(stub.journal.length).toBe(before);
  });

  it("answers a batch callback it cannot look up with 503, for eSMS to call again, and applies it then", async () => {
    const secret = callbackSecret(KEY, senderId);
    const author = await t.db.user.findFirstOrThrow({ where: { username: "admin" } });
    const campaign = await t.db.campaign.create({
      data: { name: "callback 503", body: "x", senderId, audience: {}, createdById: author.id },
    });
    const esms = provider();
    if (!esms.batch) throw new Error("eSMS has no batch route");
    const to = Array.from({ length: 30 }, (_, i) => `+8490${String(2_000_000 + i)}`);
    const { providerBatchId } = await esms.batch.send({ to, body: "[QC] x", requestId: "tthc-b-503" });
    await t.db.smsBatch.create({ data: { campaignId: campaign.id, requestId: "tthc-b-503", providerBatchId } });
    const url = `/esms/sms/status/${senderId}/${secret}?SMSID=${providerBatchId}&SendStatus=5&SendSuccess=30&SendFailed=0&TypeId=1&RequestId=tthc-b-503`;
    stub.handle((request) => (request.path.endsWith("/GetSmsReceiverStatus_get") ? { status: 500, body: {} } : undefined));
    const down = await t.app.inject({ method: "GET", url });
    expect([down.statusCode, down.headers["retry-after"]]).toEqual([503, "5"]);
    stub.handle(undefined);
    expect((await t.app.inject({ method: "GET", url })).statusCode).toBe(204);
  });

  it("refuses hostile callbacks and sender input with a 4xx", async () => {
    const secret = callbackSecret(KEY, senderId);
    for (const url of [
      `/esms/sms/status/${senderId}/${secret}`,
      `/esms/sms/status/${senderId}/${secret}?SMSID=a&SendStatus=5x`,
      `/esms/sms/status/${senderId}/${secret}?SMSID=${"a".repeat(500)}&SendStatus=5`,
      `/esms/sms/status/abc/${secret}?SMSID=a&SendStatus=5`,
      `/esms/sms/status/99999999999/${secret}?SMSID=a&SendStatus=5`,
      `/esms/sms/status/${senderId}/${"x".repeat(300)}?SMSID=a&SendStatus=5`,
      `/esms/sms/status/${senderId}/${secret}?SMSID=a&SendStatus=5&SendSuccess=-1`,
    ]) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(response.statusCode, url).toBeLessThan(500);
    }
    // An unknown SMSID with the right secret: accepted and ignored.
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: `/esms/sms/status/${senderId}/${secret}?SMSID=nope&SendStatus=5&SendSuccess=1&RequestId=tthc-m99999999999`,
        })
      ).statusCode,
    ).toBe(204);
    const huge = await call("POST", "/api/sms-senders", {
      brandname: "X1",
      provider: "esms",
      secrets: { apiKey: "k".repeat(5000) },
      pricePerSegment: 1,
    });
    expect(huge.statusCode).toBe(400);
    expect(sealSecrets(KEY, { a: "b" })).not.toBe(sealSecrets(KEY, { a: "b" }));
    // Request logs show the path without the query (the number) and without the callback secret.
    expect(loggedPath(`/esms/sms/status/${senderId}/${secret}?SMSID=a&phonenumber=0912345678`)).toBe(`/esms/sms/status/${senderId}/…`);
  });
});

describe("without SMS_SECRETS_KEY", () => {
  it("refuses to store credentials rather than keep them in clear text", async () => {
    const bare = await startTestApp({ ESMS_BASE_URL: stub.url });
    try {
      await seedSmallProvince(bare.db);
      const cookie = await login(bare.app, "admin");
      const refused = await bare.app.inject({
        method: "POST",
        url: "/api/sms-senders",
        headers: { cookie },
        payload: { brandname: "TTHC KT", provider: "esms", secrets: { apiKey: "a", secretKey: "b" }, pricePerSegment: 1 },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().errors).toEqual({ secrets: "tthc.validation.secrets_key_unset" });
      expect(await bare.db.smsSender.count({ where: { brandname: "TTHC KT" } })).toBe(0);
    } finally {
      await bare.close();
    }
  });
});
