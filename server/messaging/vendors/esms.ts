// eSMS.vn (ViHAT): brandname SMS on every Vietnamese network. This file sends customer-care
// (CSKH, SmsType 2) messages one by one, and advertising (QC, SmsType 1) in batches of 30–5,000
// numbers through its other API (`batch`). eSMS's codes and statuses stay in this file.
// Docs: github.com/devesms/gitbook_esms_for_develop_v2_en (send-otp-customer-care-message.md,
// advertising-message.md, get-message-details.md, callback-url.md, get-sms-by-smsid.md,
// get-balance.md, table-of-error-codes.md); Zalo ZNS by template (send-message-via-zalo.md), whose
// "not on Zalo" arrives later in the callback (TypeId 25, Zalo's error in error_info).
import type { StatusReceipt } from "../messages.js";
import {
  type OutgoingSms,
  type SmsBatchCapability,
  type SmsBatchReceiver,
  type SmsFailureKind,
  type SmsLookupResult,
  type SmsProvider,
  SmsSendError,
  type SmsSendResult,
  type ZnsCapability,
} from "../provider.js";

export interface EsmsOptions {
  /** e.g. https://rest.esms.vn/MainService.svc/json */
  baseUrl: string;
  apiKey: string;
  secretKey: string;
  brandname: string;
  /** eSMS checks the request but neither sends nor charges it. */
  sandbox?: boolean;
  /** Where eSMS calls back (GET) with the delivery status; our row id travels in RequestId. */
  callbackUrl?: string;
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export interface EsmsSmsProvider extends SmsProvider {
  /** The account balance in VND (GetBalance_json). */
  balance(): Promise<number>;
  /** The status of one message by eSMS's SMSID (GetSendStatus), as a neutral receipt. */
  status(smsId: string): Promise<Pick<StatusReceipt, "status" | "errorCode"> | undefined>;
}

/** Refused for good: the account, the brandname, the template or the request is wrong. */
const REJECTED = new Set(["99", "101", "102", "104", "107", "120", "140", "146", "177", "300"]);
/** The advertising API's limits per request (advertising-message.md; 107 below, 120 above). */
export const ESMS_BATCH_MIN = 30;
export const ESMS_BATCH_MAX = 5_000;
/** Kinds other than "rejected" (code 99 is "number blocked in eSMS's system": not proof of a STOP, so rejected). */
const KINDS: Record<string, SmsFailureKind> = { "108": "invalid_number", "103": "transient" };
/** The request id is already known to eSMS: the message was sent before (after a crash or a lost answer). */
export const ESMS_DUPLICATE_REQUEST = "124";
export const ESMS_OK = "100";

/** The neutral meaning of an eSMS code; undefined for success. */
export function esmsFailureKind(code: string): SmsFailureKind | undefined {
  if (code === ESMS_OK || code === ESMS_DUPLICATE_REQUEST) return undefined;
  return KINDS[code] ?? (REJECTED.has(code) ? "rejected" : "transient");
}

/**
 * Zalo's own error codes (in a ZNS callback's error_info) that mean "this number cannot be reached on
 * Zalo": -114 user inactive / refuses the message / outdated Zalo (eSMS's sample callback,
 * callback-url.md), -118 no Zalo account or disabled, -119 account cannot receive ZNS
 * (zalo.cloud/zns/guidelines/handle-error-code). -108 is an invalid number.
 */
export const ZALO_NOT_REACHABLE = new Set([-114, -118, -119]);
/** ZNS refusals at once (table-of-error-codes.md): OA or template wrong or not configured. */
const ZNS_REJECTED = new Set(["204", "210", "789", "790", "791", "799"]);
/** ZNS callbacks' TypeId (callback-url.md): 24 ZNS OTP, 25 customer-care ZNS. */
export const ESMS_ZNS_TYPES = new Set(["24", "25"]);

/** The Zalo error code in a ZNS callback's error_info ("{\"error\":-114,…}", itself quoted), or undefined. */
export function zaloErrorCode(errorInfo: string | undefined): number | undefined {
  const match = /"?error\\?"?\s*:\s*(-?\d{1,6})/.exec(errorInfo ?? "");
  return match ? Number(match[1]) : undefined;
}

/** A ZNS callback as a receipt: delivered, or failed with the Zalo code and its neutral kind. */
export function esmsZnsStatus(
  sendStatus: string | number,
  sendSuccess: string | number,
  sendFailed: string | number,
  errorInfo: string | undefined,
): { status: string; errorCode?: string; errorKind?: SmsFailureKind } {
  const base = esmsStatus(sendStatus, sendSuccess, sendFailed);
  if (base.status !== "undelivered" && base.status !== "failed") return base;
  const zalo = zaloErrorCode(errorInfo);
  const errorCode = zalo !== undefined ? `zalo:${zalo}` : base.errorCode;
  if (zalo !== undefined && ZALO_NOT_REACHABLE.has(zalo)) return { status: "undelivered", errorCode, errorKind: "not_on_channel" };
  if (zalo === -108) return { status: "undelivered", errorCode, errorKind: "invalid_number" };
  return { status: "undelivered", errorCode };
}

/** eSMS takes Vietnamese numbers in national form (0912345678); other countries keep their digits. */
export function esmsPhone(e164: string): string {
  return e164.startsWith("+84") ? `0${e164.slice(3)}` : e164.replace(/^\+/, "");
}

/** The reverse of esmsPhone for the numbers eSMS reports back (national form is Vietnamese). */
export function esmsPhoneToE164(phone: string): string {
  return phone.startsWith("0") ? `+84${phone.slice(1)}` : `+${phone.replace(/^\+/, "")}`;
}

/** One receiver of GetSmsReceiverStatus_get: IsSent false → still at eSMS; then SentResult says. */
export function esmsReceiverStatus(isSent: unknown, sentResult: unknown): SmsBatchReceiver["status"] {
  const yes = (v: unknown) => v === true || v === "true" || v === "True" || v === 1 || v === "1";
  if (!yes(isSent)) return "queued";
  return yes(sentResult) ? "delivered" : "undelivered";
}

/**
 * A delivery callback (or status answer) as our statuses. For a customer-care message (one number):
 * 5 with a success → delivered, 5 with a failure → undelivered, 4 → failed (refused), 7 → sent (at the
 * network, report pending), 1 and 2 → still queued at eSMS.
 */
export function esmsStatus(sendStatus: string | number, sendSuccess: string | number, sendFailed: string | number) {
  const status = String(sendStatus);
  if (status === "5") {
    if (Number(sendSuccess) > 0) return { status: "delivered" };
    if (Number(sendFailed) > 0) return { status: "undelivered", errorCode: "esms:send_failed" };
    return { status: "sent" };
  }
  if (status === "4") return { status: "failed", errorCode: "esms:rejected" };
  if (status === "7") return { status: "sent" };
  return { status: "queued" };
}

interface EsmsAnswer {
  CodeResult?: string;
  CodeResponse?: string;
  SMSID?: string;
  ErrorMessage?: string;
  Balance?: number | string;
  SendStatus?: number | string;
  SendSuccess?: number | string;
  SendFailed?: number | string;
  ReceiverList?: { Phone?: string; IsSent?: unknown; SentResult?: unknown }[];
}

export function createEsmsSmsProvider(options: EsmsOptions): EsmsSmsProvider {
  const http = options.fetch ?? fetch;
  const timeoutMs = options.timeoutMs ?? 15_000;
  const credentials = { ApiKey: options.apiKey, SecretKey: options.secretKey };

  // The credentials travel in the request; nothing here logs a request or puts it in an error.
  async function call(method: "GET" | "POST", path: string, body?: object): Promise<EsmsAnswer> {
    let response: Response;
    try {
      response = await http(`${options.baseUrl}${path}`, {
        method,
        headers: body ? { "content-type": "application/json" } : undefined,
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      // No answer: eSMS may have taken it. A retry under the same RequestId is refused (124), not sent twice.
      const name = (error as Error)?.name === "TimeoutError" ? "timeout" : "network";
      throw new SmsSendError(`eSMS unreachable (${name})`, true, name, { outcomeUnknown: true });
    }
    if (response.status === 429) throw new SmsSendError("eSMS is throttling", true, "http_429", { kind: "throttled" });
    if (response.status >= 500) throw new SmsSendError(`eSMS answered ${response.status}`, true, `http_${response.status}`);
    let answer: EsmsAnswer;
    try {
      answer = (await response.json()) as EsmsAnswer;
    } catch {
      throw new SmsSendError(`eSMS answered ${response.status} without JSON`, true, `http_${response.status}`);
    }
    // {"error": "Invalid request"}: eSMS's "connection is error" answer, no code (documented as 99).
    if (answer === null || typeof answer !== "object") throw new SmsSendError("eSMS answered nonsense", true, "invalid_answer");
    return answer;
  }

  const batch: SmsBatchCapability = {
    minNumbers: ESMS_BATCH_MIN,
    maxNumbers: ESMS_BATCH_MAX,
    answerWithinMs: timeoutMs,
    /**
     * One advertising request (SendMultipleSMSBrandname_json, SmsType 1): the text must match a
     * registered advertising template and carries the [QC] label the caller put in. eSMS answers one
     * SMSID for the batch. A repeated RequestId is refused (124) and nothing is sent again, so the
     * caller settles a batch after a crash by sending it again under the same RequestId.
     */
    async send({ to, body, requestId }) {
      const answer = await call("POST", "/SendMultipleSMSBrandname_json/", {
        ...credentials,
        Content: body,
        Phones: to.map(esmsPhone),
        Brandname: options.brandname,
        SmsType: "1",
        IsUnicode: [...body].some((c) => c.charCodeAt(0) > 0x7f) ? "1" : "0",
        Sandbox: options.sandbox ? "1" : "0",
        RequestId: requestId,
        ...(options.callbackUrl ? { CallbackUrl: options.callbackUrl } : {}),
      });
      const code = String(answer.CodeResult ?? "");
      if (code === ESMS_OK && answer.SMSID) return { providerBatchId: answer.SMSID, duplicate: false };
      if (code === ESMS_DUPLICATE_REQUEST) {
        // Sent before under this id; eSMS does not name the SMSID here, its callback (with RequestId) will.
        return { providerBatchId: answer.SMSID || esmsRequestPlaceholder(requestId), duplicate: true };
      }
      if (!code) throw new SmsSendError("eSMS refused the batch without a code", true, "99");
      const kind = esmsFailureKind(code) ?? "rejected";
      throw new SmsSendError(`eSMS refused the batch (${code})`, kind === "transient" || kind === "throttled", code, { kind });
    },
    /** Per-number results of a batch (GetSmsReceiverStatus_get, the last 7 days); 105 → not known. */
    async receivers(providerBatchId) {
      const query = new URLSearchParams({ ...credentials, RefId: providerBatchId });
      // A look-up changes nothing at eSMS: a connection that broke (a kept-alive socket the gateway
      // closed as we reused it) is asked again once before the callback is answered with a failure.
      const ask = () => call("GET", `/GetSmsReceiverStatus_get?${query}`);
      const answer = await ask().catch((error: unknown) => {
        if (error instanceof SmsSendError && error.code === "network") return ask();
        throw error;
      });
      if (String(answer.CodeResult ?? "") !== ESMS_OK || !Array.isArray(answer.ReceiverList)) return undefined;
      return answer.ReceiverList.filter((r) => typeof r?.Phone === "string").map((r) => ({
        to: esmsPhoneToE164(String(r.Phone)),
        status: esmsReceiverStatus(r.IsSent, r.SentResult),
      }));
    },
  };

  const zns: ZnsCapability = {
    /**
     * One ZNS (SendZaloMessage_V5_post): 100 means eSMS took it, not that Zalo reached the number;
     * a number without Zalo is reported by the callback. A repeated RequestId is refused (124).
     */
    async send(message) {
      const answer = await call("POST", "/SendZaloMessage_V5_post/", {
        ...credentials,
        Phone: esmsPhone(message.to),
        OAID: message.oaId,
        TempID: message.templateId,
        TempData: Object.entries(message.params).map(([key, value]) => ({ key, value })),
        Sandbox: options.sandbox ? "1" : "0",
        RequestId: message.requestId,
        SendingMode: "1",
        ...(options.callbackUrl ? { CallbackUrl: options.callbackUrl } : {}),
      });
      const code = String(answer.CodeResult ?? "");
      if (code === ESMS_OK && answer.SMSID) return { providerMessageId: answer.SMSID, status: "queued", duplicate: false };
      if (code === ESMS_DUPLICATE_REQUEST)
        return { providerMessageId: answer.SMSID || esmsRequestPlaceholder(message.requestId), status: "queued", duplicate: true };
      if (!code) throw new SmsSendError("eSMS refused the ZNS without a code", true, "99");
      const kind: SmsFailureKind = ZNS_REJECTED.has(code) ? "rejected" : (esmsFailureKind(code) ?? "rejected");
      throw new SmsSendError(`eSMS refused the ZNS (${code})`, kind === "transient" || kind === "throttled", code, { kind });
    },
    /** As for SMS: asking again under the same RequestId is refused if eSMS has it (124), else sends it once. */
    async lookup(message): Promise<SmsLookupResult> {
      try {
        const sent = await zns.send(message);
        return { found: true, providerMessageId: sent.providerMessageId };
      } catch {
        return { found: "unknown" };
      }
    },
  };

  const provider: EsmsSmsProvider = {
    name: "esms",
    batch,
    zns,
    async send(message: OutgoingSms): Promise<SmsSendResult> {
      if (message.category !== "service") {
        // Advertising must go through eSMS's batch API ([QC], registered content, 30–5,000 numbers).
        throw new SmsSendError("eSMS: advertising is sent in batches, not one by one", false, "esms:advertising_single");
      }
      if (message.validUntil && message.validUntil.getTime() <= Date.now()) {
        throw new SmsSendError("the message's validity period has passed", false, "expired");
      }
      const answer = await call("POST", "/SendMultipleMessage_V4_post_json/", {
        ...credentials,
        Content: message.body,
        Phone: esmsPhone(message.to),
        Brandname: options.brandname,
        SmsType: "2",
        // Vietnamese with diacritics needs Unicode; plain ASCII is cheaper as non-Unicode.
        IsUnicode: [...message.body].some((c) => c.charCodeAt(0) > 0x7f) ? "1" : "0",
        Sandbox: options.sandbox ? "1" : "0",
        ...(message.idempotencyKey ? { RequestId: message.idempotencyKey } : {}),
        ...(options.callbackUrl ? { CallbackUrl: options.callbackUrl } : {}),
      });
      const code = String(answer.CodeResult ?? "");
      if (code === ESMS_OK && answer.SMSID) return { providerMessageId: answer.SMSID, status: "queued" };
      if (code === ESMS_DUPLICATE_REQUEST && message.idempotencyKey) {
        // Already sent under this request id. eSMS does not say its SMSID here; the callback will
        // (it carries our RequestId), so the message is recorded under a placeholder until then.
        return { providerMessageId: answer.SMSID || esmsRequestPlaceholder(message.idempotencyKey), status: "queued" };
      }
      if (!code) throw new SmsSendError("eSMS refused the request without a code", true, "99");
      const kind = esmsFailureKind(code) ?? "rejected";
      throw new SmsSendError(`eSMS refused the message (${code})`, kind === "transient" || kind === "throttled", code, { kind });
    },
    /**
     * eSMS cannot be searched by our key, but it refuses a repeated RequestId (124): asking again
     * under the same key either meets that refusal (it was sent) or sends the message now, once.
     * Either way exactly one message exists afterwards, so the answer is "found". Only service
     * messages: an advertising attempt was never sent one by one, and must not be now.
     */
    async lookup(key, hint): Promise<SmsLookupResult> {
      if (hint.body === undefined || hint.category !== "service") return { found: "unknown" };
      try {
        const sent = await provider.send({ to: hint.to, body: hint.body, idempotencyKey: key, category: "service" });
        return { found: true, providerMessageId: sent.providerMessageId };
      } catch {
        return { found: "unknown" };
      }
    },
    async balance() {
      const answer = await call("POST", "/GetBalance_json", credentials);
      const code = String(answer.CodeResponse ?? "");
      if (code !== ESMS_OK) throw new SmsSendError(`eSMS balance refused (${code || "no code"})`, false, code || "99");
      return Number(answer.Balance ?? 0);
    },
    async status(smsId) {
      const query = new URLSearchParams({ RefId: smsId, ...credentials });
      const answer = await call("GET", `/GetSendStatus?${query}`);
      if (String(answer.CodeResponse ?? "") !== ESMS_OK || answer.SendStatus === undefined) return undefined;
      return esmsStatus(answer.SendStatus, answer.SendSuccess ?? 0, answer.SendFailed ?? 0);
    },
  };
  return provider;
}

/** The provider id recorded when eSMS refused a repeat (124) without naming the SMSID. */
export const esmsRequestPlaceholder = (requestId: string) => `esms-request:${requestId}`;
