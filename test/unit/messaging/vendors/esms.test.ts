// eSMS's pure parts: numbers in national form, codes to neutral kinds, statuses to ours.
import { describe, expect, it } from "vitest";
import { SmsSendError } from "../../../../server/messaging/provider.js";
import {
  createEsmsSmsProvider,
  esmsFailureKind,
  esmsPhone,
  esmsPhoneToE164,
  esmsReceiverStatus,
  esmsStatus,
  esmsZnsStatus,
  zaloErrorCode,
} from "../../../../server/messaging/vendors/esms.js";

describe("eSMS", () => {
  it("writes Vietnamese numbers in national form", () => {
    expect(esmsPhone("+84912345678")).toBe("0912345678");
    expect(esmsPhone("+6591234567")).toBe("6591234567");
    expect(esmsPhoneToE164("0912345678")).toBe("+84912345678");
    expect(esmsPhoneToE164(esmsPhone("+6591234567"))).toBe("+6591234567");
  });

  it("maps its codes to the neutral kinds", () => {
    expect(esmsFailureKind("100")).toBeUndefined();
    expect(esmsFailureKind("124")).toBeUndefined();
    expect(esmsFailureKind("108")).toBe("invalid_number");
    expect(esmsFailureKind("103")).toBe("transient");
    for (const code of ["99", "101", "104", "107", "120", "146", "177"]) expect(esmsFailureKind(code)).toBe("rejected");
    expect(esmsFailureKind("555")).toBe("transient");
  });

  it("maps callback statuses of a customer-care message to ours", () => {
    expect(esmsStatus("5", "1", "0")).toEqual({ status: "delivered" });
    expect(esmsStatus("5", "0", "1")).toEqual({ status: "undelivered", errorCode: "esms:send_failed" });
    expect(esmsStatus(4, 0, 0)).toEqual({ status: "failed", errorCode: "esms:rejected" });
    expect(esmsStatus("7", "0", "0")).toEqual({ status: "sent" });
    expect(esmsStatus("1", "0", "0")).toEqual({ status: "queued" });
    expect(esmsStatus("2", "0", "0")).toEqual({ status: "queued" });
  });

  it("maps a batch receiver's IsSent and SentResult to ours", () => {
    expect(esmsReceiverStatus(false, false)).toBe("queued");
    expect(esmsReceiverStatus(true, true)).toBe("delivered");
    expect(esmsReceiverStatus("true", "True")).toBe("delivered");
    expect(esmsReceiverStatus(true, false)).toBe("undelivered");
  });
});

describe("eSMS Zalo ZNS", () => {
  // error_info as eSMS's sample ZNS callback carries it (callback-url.md), once URL-decoded.
  const sample = new URLSearchParams(
    "error_info=%22{%5C%22error%5C%22%3A-114%2C%5C%22message%5C%22%3A%5C%22User%20is%20inactive%2C%20or%20reject%20the%20message%22}%22",
  ).get("error_info");

  it("reads Zalo's error code from a ZNS callback", () => {
    expect(zaloErrorCode(sample ?? undefined)).toBe(-114);
    expect(zaloErrorCode(JSON.stringify(JSON.stringify({ error: -118, message: "Zalo account not existed" })))).toBe(-118);
    expect(zaloErrorCode('{"error":0}')).toBe(0);
    expect(zaloErrorCode(undefined)).toBeUndefined();
    expect(zaloErrorCode("garbage")).toBeUndefined();
  });

  it("maps ZNS callbacks: not on Zalo (-114, -118, -119) apart from other failures", () => {
    expect(esmsZnsStatus("5", "1", "0", '{"error":0}')).toEqual({ status: "delivered" });
    expect(esmsZnsStatus("5", "0", "1", sample ?? undefined)).toEqual({
      status: "undelivered",
      errorCode: "zalo:-114",
      errorKind: "not_on_channel",
    });
    for (const code of [-118, -119])
      expect(esmsZnsStatus("5", "0", "1", `{"error":${code}}`)).toEqual({
        status: "undelivered",
        errorCode: `zalo:${code}`,
        errorKind: "not_on_channel",
      });
    expect(esmsZnsStatus("5", "0", "1", '{"error":-108}')).toEqual({
      status: "undelivered",
      errorCode: "zalo:-108",
      errorKind: "invalid_number",
    });
    expect(esmsZnsStatus("5", "0", "1", '{"error":-124}')).toEqual({ status: "undelivered", errorCode: "zalo:-124" });
    expect(esmsZnsStatus("4", "0", "0", undefined)).toEqual({ status: "undelivered", errorCode: "esms:rejected" });
    expect(esmsZnsStatus("7", "0", "0", undefined)).toEqual({ status: "sent" });
  });

  it("sends one ZNS by template with our RequestId and maps the answers", async () => {
    const requests: Record<string, unknown>[] = [];
    let answer: object = { CodeResult: "100", SMSID: "z1" };
    const provider = createEsmsSmsProvider({
      baseUrl: "http://esms.test",
      apiKey: "k",
      secretKey: "s",
      brandname: "TTHC GIALAI",
      callbackUrl: "http://hotline.test/cb",
      fetch: (async (_url: string, init: RequestInit) => {
        requests.push(JSON.parse(String(init.body)));
        return new Response(JSON.stringify(answer), { status: 200 });
      }) as typeof fetch,
    });
    const zns = provider.zns;
    if (!zns) throw new Error("eSMS has a zns capability");
    const message = { to: "+84912345678", oaId: "OA1", templateId: "T1", params: { name: "B" }, requestId: "tthc-m7" };
    expect(await zns.send(message)).toEqual({ providerMessageId: "z1", status: "queued", duplicate: false });
    expect(requests[0]).toMatchObject({
      Phone: "0912345678",
      OAID: "OA1",
      TempID: "T1",
      TempData: [{ key: "name", value: "B" }],
      RequestId: "tthc-m7",
      CallbackUrl: "http://hotline.test/cb",
      SendingMode: "1",
    });
    answer = { CodeResult: "124", ErrorMessage: "Request exist 1" };
    expect(await zns.send(message)).toMatchObject({ duplicate: true, providerMessageId: "esms-request:tthc-m7" });
    expect(await zns.lookup(message)).toEqual({ found: true, providerMessageId: "esms-request:tthc-m7" });
    for (const [code, kind, transient] of [
      ["789", "rejected", false],
      ["799", "rejected", false],
      ["108", "invalid_number", false],
      ["103", "transient", true],
    ] as const) {
      answer = { CodeResult: code };
      const error = await zns.send(message).catch((e: SmsSendError) => e);
      expect(error).toBeInstanceOf(SmsSendError);
      expect([(error as SmsSendError).code, (error as SmsSendError).kind, (error as SmsSendError).transient]).toEqual([
        code,
        kind,
        transient,
      ]);
    }
    answer = { CodeResult: "789" };
    expect(await zns.lookup(message)).toEqual({ found: "unknown" });
  });
});
