// A local stand-in for rest.esms.vn that answers as eSMS's public docs say
// (github.com/devesms/gitbook_esms_for_develop_v2_en): the customer-care send
// (SendMultipleMessage_V4_post_json: 100 with an SMSID; 101 wrong credentials; 104 unknown
// brandname; 108 bad number; 124 a repeated RequestId, without the SMSID; a codeless {"error"} answer
// for "99"), the advertising batch send (SendMultipleSMSBrandname_json: 30–5,000 numbers, else 107
// or 120; one SMSID per batch; 124 for a repeated RequestId), GetSendStatus by SMSID,
// GetSmsReceiverStatus_get (per number of a batch), GetBalance_json, and the delivery callback as an
// HTTP GET (a batch's callback carries its totals, TypeId 1); Zalo ZNS by template
// (SendZaloMessage_V5_post: 100 with an SMSID for every well-formed request, 791 without OAID or
// TempID, 124 for a repeated RequestId) whose callback (TypeId 25) reports a number in `notOnZalo` as
// failed with Zalo's -118 in error_info, as eSMS does: "not on Zalo" is never a synchronous answer.
// Tests read its journal (what "eSMS" accepted) and can make answers slow or force codes.
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export const STUB_API_KEY = "stub-esms-api-key-7Q2";
export const STUB_SECRET_KEY = "stub-esms-secret-key-9Xk";

export interface EsmsJournalEntry {
  smsId: string;
  phone: string;
  content: string;
  brandname: string;
  smsType: string;
  isUnicode: string;
  sandbox: string;
  requestId?: string;
  callbackUrl?: string;
  sendStatus: number;
}

/** One advertising request eSMS accepted; its numbers are also in the journal, one entry each. */
export interface EsmsStubBatch {
  smsId: string;
  requestId?: string;
  phones: string[];
  content: string;
  callbackUrl?: string;
  sendStatus: number;
  /** Per number once the network reported (true delivered, false failed); absent: not yet sent. */
  results: Map<string, boolean>;
}

/** One ZNS eSMS accepted. */
export interface EsmsStubZns {
  smsId: string;
  phone: string;
  oaId: string;
  templateId: string;
  params: Record<string, string>;
  requestId?: string;
  callbackUrl?: string;
  /** Whether its callback was made. */
  reported: boolean;
}

export interface EsmsStubRequest {
  path: string;
  body: Record<string, unknown>;
  query: Record<string, string>;
}

export type EsmsStubHandler = (request: EsmsStubRequest) => { status?: number; body: unknown } | undefined;

export interface EsmsStub {
  /** The base URL (ESMS_BASE_URL). */
  url: string;
  /** Every message accepted (sandbox ones excluded: eSMS neither stores nor sends them). */
  journal: EsmsJournalEntry[];
  /** Advertising batches accepted, in order. */
  batches: EsmsStubBatch[];
  /** ZNS accepted, in order (not in `journal`, which is SMS). */
  zns: EsmsStubZns[];
  /** National numbers (0…) without a Zalo account: their ZNS is accepted, then reported failed (-118). */
  notOnZalo: Set<string>;
  /** Makes the callback of each accepted ZNS not yet reported; returns how many. */
  reportZns(options?: { get?: (url: string) => Promise<number> }): Promise<number>;
  requests: EsmsStubRequest[];
  balance: number;
  brandnames: Set<string>;
  /** Answers after this many milliseconds (a slow gateway). */
  delayMs: number;
  handle(handler: EsmsStubHandler | undefined): void;
  /** Calls the message's CallbackUrl as eSMS does (GET); returns the HTTP status our server gave. */
  deliver(
    smsId: string,
    outcome: { sendStatus: number; success?: number; failed?: number },
    options?: { callbackUrl?: string; get?: (url: string) => Promise<number> },
  ): Promise<number>;
  /**
   * Reports a batch's outcome: marks the given numbers delivered (true) or failed (false) for the
   * receiver look-up, sets its status, and calls its CallbackUrl with the batch totals as eSMS does.
   */
  deliverBatch(
    smsId: string,
    outcome: { sendStatus: number; results?: Record<string, boolean> },
    options?: { get?: (url: string) => Promise<number> },
  ): Promise<number>;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
};

export async function startEsmsStub(): Promise<EsmsStub> {
  let handler: EsmsStubHandler | undefined;
  const requestIds = new Set<string>();
  const stub: Omit<EsmsStub, "url" | "close" | "deliverBatch" | "reportZns"> = {
    journal: [],
    batches: [],
    zns: [],
    notOnZalo: new Set(),
    requests: [],
    balance: 250_000,
    brandnames: new Set(["TTHC GIALAI"]),
    delayMs: 0,
    handle(next) {
      handler = next;
    },
    async deliver(smsId, outcome, options = {}) {
      const entry = stub.journal.find((e) => e.smsId === smsId);
      const target = options.callbackUrl ?? entry?.callbackUrl;
      if (!target) throw new Error(`no callback URL for ${smsId}`);
      const query = new URLSearchParams({
        SMSID: smsId,
        SendFailed: String(outcome.failed ?? 0),
        SendStatus: String(outcome.sendStatus),
        SendSuccess: String(outcome.success ?? 0),
        TotalPrice: "0.0000",
        TotalReceiver: "1",
        TotalSent: "1",
        RequestId: entry?.requestId ?? "",
        TypeId: "2",
        telcoid: "1",
        phonenumber: entry?.phone ?? "",
      });
      // A late "7" (at the network) after the final "5" does not undo it at eSMS either.
      if (entry && entry.sendStatus !== 5) entry.sendStatus = outcome.sendStatus;
      if (options.get) return options.get(`${target}?${query}`);
      const response = await fetch(`${target}?${query}`);
      return response.status;
    },
  };

  const deliverBatch: EsmsStub["deliverBatch"] = async (smsId, outcome, options = {}) => {
    const batch = stub.batches.find((b) => b.smsId === smsId);
    if (!batch?.callbackUrl) throw new Error(`no batch with a callback URL: ${smsId}`);
    for (const [phone, ok] of Object.entries(outcome.results ?? {})) batch.results.set(phone, ok);
    if (batch.sendStatus !== 5) batch.sendStatus = outcome.sendStatus;
    const results = [...batch.results.values()];
    const query = new URLSearchParams({
      SMSID: smsId,
      SendFailed: String(results.filter((ok) => !ok).length),
      SendStatus: String(outcome.sendStatus),
      SendSuccess: String(results.filter((ok) => ok).length),
      TotalPrice: String(batch.phones.length * 850),
      TotalReceiver: String(batch.phones.length),
      TotalSent: String(results.length),
      RequestId: batch.requestId ?? "",
      TypeId: "1",
    });
    if (options.get) return options.get(`${batch.callbackUrl}?${query}`);
    const response = await fetch(`${batch.callbackUrl}?${query}`);
    return response.status;
  };

  const reportZns: EsmsStub["reportZns"] = async (options = {}) => {
    let n = 0;
    for (const z of stub.zns) {
      if (z.reported || !z.callbackUrl) continue;
      z.reported = true;
      const missing = stub.notOnZalo.has(z.phone);
      const query = new URLSearchParams({
        SMSID: z.smsId,
        SendFailed: missing ? "1" : "0",
        SendStatus: "5",
        SendSuccess: missing ? "0" : "1",
        TotalPrice: missing ? "0.0000" : "300.0000",
        TotalReceiver: "1",
        TotalSent: missing ? "0" : "1",
        RequestId: z.requestId ?? "",
        TypeId: "25",
        telcoid: "1",
        phonenumber: z.phone,
        partnerids: "",
        error_info: missing
          ? JSON.stringify(JSON.stringify({ error: -118, message: "Zalo account not existed" }))
          : JSON.stringify(JSON.stringify({ error: 0, message: "Success" })),
        oaid: z.oaId,
        tempid: z.templateId,
      });
      const url = `${z.callbackUrl}?${query}`;
      if (options.get) await options.get(url);
      else await fetch(url);
      n++;
    }
    return n;
  };

  const sendZns = (body: Record<string, unknown>) => {
    if (body.ApiKey !== STUB_API_KEY || body.SecretKey !== STUB_SECRET_KEY)
      return { CodeResult: "101", CountRegenerate: 0, ErrorMessage: "Authorize Failed" };
    if (!body.OAID || !body.TempID) return { CodeResult: "791", CountRegenerate: 0, ErrorMessage: "Missing OA ID or Template ID" };
    const phone = String(body.Phone ?? "");
    if (!/^0\d{9}$/.test(phone)) return { CodeResult: "108", CountRegenerate: 0, ErrorMessage: "Phone number is not in correct format" };
    const requestId = typeof body.RequestId === "string" && body.RequestId !== "" ? body.RequestId : undefined;
    if (requestId && requestIds.has(requestId)) return { CodeResult: "124", CountRegenerate: 0, ErrorMessage: "Request exist 1" };
    const smsId = randomUUID().replaceAll("-", "");
    if (body.Sandbox === "1") return { CodeResult: "100", CountRegenerate: 0, SMSID: smsId };
    if (requestId) requestIds.add(requestId);
    const params = Object.fromEntries(
      (Array.isArray(body.TempData) ? body.TempData : []).map((p: { key?: unknown; value?: unknown }) => [String(p.key), String(p.value)]),
    );
    stub.zns.push({
      smsId,
      phone,
      oaId: String(body.OAID),
      templateId: String(body.TempID),
      params,
      requestId,
      callbackUrl: typeof body.CallbackUrl === "string" ? body.CallbackUrl : undefined,
      reported: false,
    });
    return { CodeResult: "100", CountRegenerate: 0, SMSID: smsId };
  };

  const answer = (response: ServerResponse, status: number, body: unknown) => {
    response.writeHead(status, { "content-type": "application/json" });
    response.end(JSON.stringify(body));
  };

  const sendBatch = (body: Record<string, unknown>) => {
    if (body.ApiKey !== STUB_API_KEY || body.SecretKey !== STUB_SECRET_KEY)
      return { CodeResult: "101", CountRegenerate: 0, ErrorMessage: "Authorize Failed" };
    if (!body.SmsType) return { CodeResult: "300", CountRegenerate: 0, ErrorMessage: "Missing message type" };
    if (!stub.brandnames.has(String(body.Brandname ?? "")))
      return { CodeResult: "104", CountRegenerate: 0, ErrorMessage: "Brand name code is not exist" };
    const phones = Array.isArray(body.Phones) ? body.Phones.map(String) : [];
    if (phones.length < 30)
      return { CodeResult: "107", CountRegenerate: 0, ErrorMessage: "Each request has at least 30 numbers to be approved" };
    if (phones.length > 5_000)
      return { CodeResult: "120", CountRegenerate: 0, ErrorMessage: "List of phone numbers sending messages exceeding the limit" };
    if (phones.some((p) => !/^0\d{9}$/.test(p)))
      return { CodeResult: "108", CountRegenerate: 0, ErrorMessage: "Phone number is not in correct format" };
    const requestId = typeof body.RequestId === "string" && body.RequestId !== "" ? body.RequestId : undefined;
    if (requestId && requestIds.has(requestId)) return { CodeResult: "124", CountRegenerate: 0, ErrorMessage: "Request exist 1" };
    if (stub.balance < phones.length) return { CodeResult: "103", CountRegenerate: 0, ErrorMessage: "Not enough balance" };
    const smsId = randomUUID().replaceAll("-", "");
    if (body.Sandbox === "1") return { CodeResult: "100", CountRegenerate: 0, SMSID: smsId };
    if (requestId) requestIds.add(requestId);
    stub.balance -= phones.length;
    const callbackUrl = typeof body.CallbackUrl === "string" ? body.CallbackUrl : undefined;
    const content = String(body.Content ?? "");
    stub.batches.push({ smsId, requestId, phones, content, callbackUrl, sendStatus: 2, results: new Map() });
    for (const phone of phones)
      stub.journal.push({
        smsId,
        phone,
        content,
        brandname: String(body.Brandname),
        smsType: String(body.SmsType),
        isUnicode: String(body.IsUnicode ?? "0"),
        sandbox: "0",
        requestId,
        callbackUrl,
        sendStatus: 2,
      });
    return { CodeResult: "100", CountRegenerate: 0, SMSID: smsId };
  };

  const sendCskh = (body: Record<string, unknown>) => {
    if (body.ApiKey !== STUB_API_KEY || body.SecretKey !== STUB_SECRET_KEY)
      return { CodeResult: "101", CountRegenerate: 0, ErrorMessage: "Authorize Failed" };
    if (!body.SmsType) return { CodeResult: "300", CountRegenerate: 0, ErrorMessage: "Missing message type" };
    if (!stub.brandnames.has(String(body.Brandname ?? "")))
      return { CodeResult: "104", CountRegenerate: 0, ErrorMessage: "Brand name code is not exist" };
    const phone = String(body.Phone ?? "");
    if (!/^0\d{9}$/.test(phone)) return { CodeResult: "108", CountRegenerate: 0, ErrorMessage: "Phone number is not in correct format" };
    const requestId = typeof body.RequestId === "string" && body.RequestId !== "" ? body.RequestId : undefined;
    if (requestId && requestIds.has(requestId))
      return { CodeResult: "124", CountRegenerate: 0, ErrorMessage: "Request exist 1", SendStatus: "5" };
    if (stub.balance <= 0) return { CodeResult: "103", CountRegenerate: 0, ErrorMessage: "Not enough balance" };
    const smsId = randomUUID().replaceAll("-", "");
    if (body.Sandbox === "1") return { CodeResult: "100", CountRegenerate: 0, SMSID: smsId };
    if (requestId) requestIds.add(requestId);
    stub.balance -= 1;
    stub.journal.push({
      smsId,
      phone,
      content: String(body.Content ?? ""),
      brandname: String(body.Brandname),
      smsType: String(body.SmsType),
      isUnicode: String(body.IsUnicode ?? "0"),
      sandbox: String(body.Sandbox ?? "0"),
      requestId,
      callbackUrl: typeof body.CallbackUrl === "string" ? body.CallbackUrl : undefined,
      sendStatus: 2,
    });
    return { CodeResult: "100", CountRegenerate: 0, SMSID: smsId };
  };

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? "/", "http://stub");
    const raw = request.method === "POST" ? await readBody(request) : "";
    let body: Record<string, unknown> = {};
    try {
      body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
    } catch {
      return answer(response, 200, { error: "Invalid request" });
    }
    const stubRequest = { path: url.pathname, body, query: Object.fromEntries(url.searchParams) };
    stub.requests.push(stubRequest);
    if (stub.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, stub.delayMs));
    // A handler's answer replaces the default one entirely.
    const forced = handler?.(stubRequest);
    if (forced) return answer(response, forced.status ?? 200, forced.body);
    const path = url.pathname.replace(/^\/MainService\.svc\/json/, "");
    if (request.method === "POST" && path === "/SendMultipleMessage_V4_post_json/") return answer(response, 200, sendCskh(body));
    if (request.method === "POST" && path === "/SendMultipleSMSBrandname_json/") return answer(response, 200, sendBatch(body));
    if (request.method === "POST" && path === "/SendZaloMessage_V5_post/") return answer(response, 200, sendZns(body));
    if (request.method === "GET" && path === "/GetSmsReceiverStatus_get") {
      const q = stubRequest.query;
      if (q.ApiKey !== STUB_API_KEY || q.SecretKey !== STUB_SECRET_KEY)
        return answer(response, 200, { CodeResult: "101", ErrorMessage: "Authorize Failed" });
      const batch = stub.batches.find((b) => b.smsId === q.RefId);
      if (!batch) return answer(response, 200, { CodeResult: "105", ErrorMessage: "Not found" });
      const ReceiverList = batch.phones.map((phone) => {
        const result = batch.results.get(phone);
        return { IsSent: result !== undefined, NetworkName: "Viettel", Phone: phone, Retry: 0, SentResult: result === true };
      });
      return answer(response, 200, { CodeResult: "100", ReceiverList });
    }
    if (request.method === "POST" && path === "/GetBalance_json") {
      if (body.ApiKey !== STUB_API_KEY || body.SecretKey !== STUB_SECRET_KEY)
        return answer(response, 200, { Balance: 0, CodeResponse: "101", ErrorMessage: "Authorize Failed" });
      return answer(response, 200, { Balance: stub.balance, CodeResponse: "100", UserID: 9999 });
    }
    if (request.method === "GET" && path === "/GetSendStatus") {
      const q = stubRequest.query;
      if (q.ApiKey !== STUB_API_KEY || q.SecretKey !== STUB_SECRET_KEY)
        return answer(response, 200, { CodeResponse: "101", SMSID: q.RefId });
      const entry = stub.journal.find((e) => e.smsId === q.RefId);
      if (!entry) return answer(response, 200, { CodeResponse: "105", SMSID: q.RefId });
      return answer(response, 200, {
        CodeResponse: "100",
        SMSID: entry.smsId,
        SendFailed: 0,
        SendStatus: entry.sendStatus,
        SendSuccess: entry.sendStatus === 5 ? 1 : 0,
        TotalPrice: 850,
        TotalReceiver: 1,
        TotalSent: 1,
      });
    }
    return answer(response, 404, { error: "Not found" });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(stub, {
    deliverBatch,
    reportZns,
    url: `http://127.0.0.1:${port}/MainService.svc/json`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  });
}
