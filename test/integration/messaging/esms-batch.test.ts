// eSMS's advertising batch route through the real provider code against the local stub: the
// gateway's limits per request (107 below 30 numbers, 120 above 5,000) refused as permanent, one
// SMSID per batch with every number journalled once, a repeated RequestId (after a crash or a lost
// answer) settled without sending again, per-number results by look-up, and the batch callback's totals.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SmsSendError } from "../../../server/messaging/provider.js";
import { createEsmsSmsProvider, esmsRequestPlaceholder } from "../../../server/messaging/vendors/esms.js";
import { type EsmsStub, STUB_API_KEY, STUB_SECRET_KEY, startEsmsStub } from "../../helpers/esms-stub.js";

const BRAND = "TTHC GIALAI";
let stub: EsmsStub;

beforeAll(async () => {
  stub = await startEsmsStub();
});
afterAll(async () => {
  await stub?.close();
});
beforeEach(() => {
  stub.handle(undefined);
  stub.delayMs = 0;
  stub.balance = 1_000_000;
});

const provider = (over: Partial<Parameters<typeof createEsmsSmsProvider>[0]> = {}) =>
  createEsmsSmsProvider({
    baseUrl: stub.url,
    apiKey: STUB_API_KEY,
    secretKey: STUB_SECRET_KEY,
    brandname: BRAND,
    callbackUrl: "http://hotline.test/esms/sms/status/1/secret",
    ...over,
  });
/** The provider's batch route (the test fails here if eSMS lost it). */
const cap = (esms: ReturnType<typeof provider>) => {
  if (!esms.batch) throw new Error("eSMS has no batch route");
  return esms.batch;
};
let next = 0;
/** n distinct Vietnamese mobile numbers in E.164, new ones on every call. */
const numbers = (n: number) => Array.from({ length: n }, () => `+8490${String(1_000_000 + next++).padStart(7, "0")}`);
const BODY = "[QC] Nop ho so truc tuyen tai dichvucong.gialai.gov.vn. Tu choi: TC gui 8xxx";
const batchOf = (smsId: string) => stub.journal.filter((e) => e.smsId === smsId);

async function refusal(promise: Promise<unknown>): Promise<SmsSendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SmsSendError);
  return error as SmsSendError;
}

describe("eSMS advertising batches", () => {
  it("declares the gateway's limits and refuses requests outside them for good (107, 120)", async () => {
    const esms = provider();
    expect(esms.batch).toMatchObject({ minNumbers: 30, maxNumbers: 5_000 });
    const before = stub.journal.length;
    const few = await refusal(cap(esms).send({ to: numbers(29), body: BODY, requestId: "tthc-b-few" }));
    expect([few.code, few.kind, few.transient]).toEqual(["107", "rejected", false]);
    const many = await refusal(cap(esms).send({ to: numbers(5_001), body: BODY, requestId: "tthc-b-many" }));
    expect([many.code, many.kind, many.transient]).toEqual(["120", "rejected", false]);
    expect(stub.journal.length).toBe(before);
  });

  it("sends 30 and 5,000 numbers as one batch each, every number journalled once under one SMSID", async () => {
    const esms = provider();
    for (const size of [30, 5_000]) {
      const to = numbers(size);
      const sent = await cap(esms).send({ to, body: BODY, requestId: `tthc-b-size-${size}` });
      expect(sent.duplicate).toBe(false);
      const journal = batchOf(sent.providerBatchId);
      expect(journal).toHaveLength(size);
      expect(new Set(journal.map((e) => e.phone)).size).toBe(size);
      expect(journal.map((e) => e.phone)).toEqual(to.map((p) => `0${p.slice(3)}`));
      expect(journal.every((e) => e.smsType === "1" && e.brandname === BRAND && e.content === BODY)).toBe(true);
    }
    const request = stub.requests[stub.requests.length - 1] as (typeof stub.requests)[number];
    expect(request.path).toMatch(/\/SendMultipleSMSBrandname_json\/$/);
    expect(request.body).toMatchObject({ SmsType: "1", RequestId: "tthc-b-size-5000", Sandbox: "0" });
  });

  it("settles a batch whose answer was lost by sending again under the same RequestId: nothing goes out twice", async () => {
    const esms = provider({ timeoutMs: 200 });
    const to = numbers(40);
    // The gateway takes the batch but answers too late: the outcome is unknown to us.
    stub.delayMs = 500;
    const lost = await refusal(cap(esms).send({ to, body: BODY, requestId: "tthc-b-lost" }));
    expect(lost.outcomeUnknown).toBe(true);
    await expect.poll(() => stub.batches.filter((b) => b.requestId === "tthc-b-lost").length).toBe(1);
    stub.delayMs = 0;
    const again = await cap(esms).send({ to, body: BODY, requestId: "tthc-b-lost" });
    expect(again).toEqual({ providerBatchId: esmsRequestPlaceholder("tthc-b-lost"), duplicate: true });
    expect(stub.journal.filter((e) => e.requestId === "tthc-b-lost")).toHaveLength(40);
  });

  it("reports each number of a batch by look-up and calls back with the batch's totals", async () => {
    const esms = provider();
    const to = numbers(30);
    const { providerBatchId } = await cap(esms).send({ to, body: BODY, requestId: "tthc-b-report" });
    expect((await cap(esms).receivers(providerBatchId))?.every((r) => r.status === "queued")).toBe(true);
    const [first, second] = to.map((p) => `0${p.slice(3)}`) as [string, string];
    let called = "";
    const get = async (url: string) => {
      called = url;
      return 204;
    };
    await stub.deliverBatch(providerBatchId, { sendStatus: 5, results: { [first]: true, [second]: false } }, { get });
    const query = new URL(called).searchParams;
    expect(Object.fromEntries(query)).toMatchObject({
      SMSID: providerBatchId,
      SendStatus: "5",
      SendSuccess: "1",
      SendFailed: "1",
      TotalReceiver: "30",
      RequestId: "tthc-b-report",
      TypeId: "1",
    });
    expect(called.startsWith("http://hotline.test/esms/sms/status/1/secret?")).toBe(true);
    const receivers = await cap(esms).receivers(providerBatchId);
    expect(receivers).toHaveLength(30);
    expect(receivers?.find((r) => r.to === to[0])?.status).toBe("delivered");
    expect(receivers?.find((r) => r.to === to[1])?.status).toBe("undelivered");
    expect(receivers?.filter((r) => r.status === "queued")).toHaveLength(28);
    expect(await cap(esms).receivers("unknown-sms-id")).toBeUndefined();
  });

  it("asks for a batch's numbers again once when the connection breaks, and fails when it breaks twice", async () => {
    const esms = provider();
    const to = numbers(30);
    const { providerBatchId } = await cap(esms).send({ to, body: BODY, requestId: "tthc-b-broken" });
    let breaks = 0;
    const breaking = (times: number) =>
      provider({
        fetch: async (input, init) => {
          if (breaks < times) {
            breaks++;
            throw new TypeError("fetch failed", { cause: new Error("socket hang up") });
          }
          return fetch(input, init);
        },
      });
    expect(await cap(breaking(1)).receivers(providerBatchId)).toHaveLength(30);
    expect(breaks).toBe(1);
    breaks = 0;
    const error = await refusal(cap(breaking(2)).receivers(providerBatchId));
    expect([breaks, error.code]).toEqual([2, "network"]);
  });

  it("maps the other refusals: credentials, brandname, balance, bad number", async () => {
    const cases: [Parameters<typeof provider>[0], string, string][] = [
      [{ secretKey: "wrong" }, "101", "rejected"],
      [{ brandname: "UNKNOWN" }, "104", "rejected"],
    ];
    for (const [over, code, kind] of cases) {
      const error = await refusal(cap(provider(over)).send({ to: numbers(30), body: BODY, requestId: `tthc-b-${code}` }));
      expect([error.code, error.kind]).toEqual([code, kind]);
    }
    stub.balance = 10;
    const poor = await refusal(cap(provider()).send({ to: numbers(30), body: BODY, requestId: "tthc-b-103" }));
    expect([poor.code, poor.kind, poor.transient]).toEqual(["103", "transient", true]);
    stub.balance = 1_000_000;
    const bad = await refusal(cap(provider()).send({ to: [...numbers(29), "+84123"], body: BODY, requestId: "tthc-b-108" }));
    expect([bad.code, bad.kind]).toEqual(["108", "invalid_number"]);
    // None of the refused requests used its RequestId up.
    const ok = await cap(provider()).send({ to: numbers(30), body: BODY, requestId: "tthc-b-103" });
    expect(ok.duplicate).toBe(false);
  });

  it("checks a sandbox batch without sending or charging it", async () => {
    const before = { journal: stub.journal.length, balance: stub.balance };
    const sent = await cap(provider({ sandbox: true })).send({ to: numbers(30), body: BODY, requestId: "tthc-b-sandbox" });
    expect(sent.duplicate).toBe(false);
    expect({ journal: stub.journal.length, balance: stub.balance }).toEqual(before);
  });
});
