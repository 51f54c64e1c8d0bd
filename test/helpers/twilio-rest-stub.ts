// A local stand-in for api.twilio.com. The real twilio SDK talks to it through the SDK's supported
// `httpClient` option (a RequestClient that only swaps the origin), so everything from parameter
// serialisation to error parsing runs as in production; tests read what "Twilio" received.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import twilio from "twilio";
import type RequestClient from "twilio/lib/base/RequestClient.js";

type RequestOptions<T> = RequestClient.RequestOptions<T>;

export const STUB_ACCOUNT_SID = `AC${"a1".repeat(16)}`;
export const STUB_AUTH_TOKEN = "stub-auth-token";

export interface StubRequest {
  method: string;
  path: string;
  /** The form-encoded body, decoded. */
  body: Record<string, string>;
  /** The query string, decoded (list filters such as To, DateSent>, PageSize). */
  query: Record<string, string>;
  authorization?: string;
}

/** A message the stub accepted, as Twilio's Message resource (JSON field names). */
export interface StubMessage {
  sid: string;
  account_sid: string;
  to: string;
  from: string | null;
  body: string;
  status: string;
  direction: string;
  messaging_service_sid: string | null;
  date_created: string;
  date_updated: string;
  /** The stub hands messages to the "carrier" at once; real Twilio leaves this null while queued. */
  date_sent: string | null;
  uri: string;
}

export interface StubReply {
  status: number;
  body?: unknown;
}

/** Returns a reply to override the default behaviour, or undefined to keep it. */
export type StubHandler = (request: StubRequest) => StubReply | undefined | Promise<StubReply | undefined>;

export interface TwilioRestStub {
  url: string;
  requests: StubRequest[];
  /** Every message accepted (POST …/Messages.json answered 201 by default, or through accept()). */
  messages: StubMessage[];
  /** Replaces the behaviour for the following requests; undefined restores the defaults. */
  handle(handler: StubHandler | undefined): void;
  /** What the default does with a POST …/Messages.json: store the message and build the 201 reply. */
  accept(request: StubRequest): StubReply;
  /** `timeout`: the SDK's request timeout in milliseconds (RequestClient option). */
  client(options?: { timeout?: number }): ReturnType<typeof twilio>;
  close(): Promise<void>;
}

export interface TwilioRestStubOptions {
  /** The stub's clock (date_created, date_sent): tests with a fake clock pass theirs. */
  now?: () => Date;
}

const MESSAGES_PATH = /^\/2010-04-01\/Accounts\/(AC[0-9a-f]{32})\/Messages\.json$/;

const read = (req: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let data = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      data += chunk;
    });
    req.on("end", () => resolve(data));
    req.on("error", reject);
  });

/** Twilio's date format in JSON (RFC 2822). */
const rfc2822 = (at: Date) => at.toUTCString().replace("GMT", "+0000");

/** Twilio's filter dates: YYYY-MM-DD or an ISO 8601 date-time (what the SDK sends for dateSentAfter). */
const filterDate = (raw: string | undefined) => (raw ? new Date(/^\d{4}-\d{2}-\d{2}$/.test(raw) ? `${raw}T00:00:00Z` : raw) : undefined);

function accepted(request: StubRequest, at: Date): StubMessage {
  const sid = `SM${randomBytes(16).toString("hex")}`;
  const account = MESSAGES_PATH.exec(request.path)?.[1] ?? STUB_ACCOUNT_SID;
  return {
    sid,
    account_sid: account,
    to: request.body.To ?? "",
    from: request.body.From ?? null,
    body: request.body.Body ?? "",
    status: "queued",
    direction: "outbound-api",
    messaging_service_sid: request.body.MessagingServiceSid ?? null,
    date_created: rfc2822(at),
    date_updated: rfc2822(at),
    date_sent: rfc2822(at),
    uri: `/2010-04-01/Accounts/${account}/Messages/${sid}.json`,
  };
}

/** GET …/Messages.json: Twilio's filters To, From, DateSent, DateSent<, DateSent>; newest first; one page. */
function listMessages(request: StubRequest, messages: StubMessage[]): StubReply {
  const q = request.query;
  const after = filterDate(q["DateSent>"]);
  const before = filterDate(q["DateSent<"]);
  const on = filterDate(q.DateSent);
  const pageSize = Math.min(1000, Number(q.PageSize ?? 50) || 50);
  const sentAt = (m: StubMessage) => (m.date_sent ? new Date(m.date_sent).getTime() : undefined);
  const found = messages
    .filter((m) => (q.To === undefined || m.to === q.To) && (q.From === undefined || m.from === q.From))
    .filter((m) => {
      const at = sentAt(m);
      if (after || before || on) {
        if (at === undefined) return false;
        if (after && at < after.getTime()) return false;
        if (before && at >= before.getTime()) return false;
        if (on && Math.floor(at / 86_400_000) !== Math.floor(on.getTime() / 86_400_000)) return false;
      }
      return true;
    })
    .sort((a, b) => (sentAt(b) ?? 0) - (sentAt(a) ?? 0))
    .slice(0, pageSize);
  const uri = `${request.path}?PageSize=${pageSize}&Page=0`;
  return {
    status: 200,
    body: {
      messages: found,
      end: Math.max(0, found.length - 1),
      first_page_uri: uri,
      next_page_uri: null,
      page: 0,
      page_size: pageSize,
      previous_page_uri: null,
      start: 0,
      uri,
    },
  };
}

function defaultReply(request: StubRequest, store: (request: StubRequest) => StubReply, messages: StubMessage[]): StubReply {
  if (request.method === "POST" && /\/Messages\.json$/.test(request.path)) return store(request);
  if (request.method === "GET" && MESSAGES_PATH.test(request.path)) return listMessages(request, messages);
  if (request.method === "DELETE" && /\/Recordings\/RE[0-9a-f]{32}\.json$/.test(request.path)) return { status: 204 };
  return { status: 404, body: { code: 20404, message: "The requested resource was not found", status: 404 } };
}

export async function startTwilioRestStub(options: TwilioRestStubOptions = {}): Promise<TwilioRestStub> {
  const now = options.now ?? (() => new Date());
  const requests: StubRequest[] = [];
  const messages: StubMessage[] = [];
  let handler: StubHandler | undefined;
  const accept = (request: StubRequest): StubReply => {
    const message = accepted(request, now());
    messages.push(message);
    // The answer to the create call shows the message as Twilio first has it: queued.
    return { status: 201, body: { ...message, date_sent: null } };
  };
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await read(req);
    const [path, search] = (req.url ?? "/").split("?");
    const request: StubRequest = {
      method: req.method ?? "GET",
      path: path ?? "/",
      body: Object.fromEntries(new URLSearchParams(raw)),
      query: Object.fromEntries(new URLSearchParams(search ?? "")),
      authorization: req.headers.authorization,
    };
    requests.push(request);
    const reply = (await handler?.(request)) ?? defaultReply(request, accept, messages);
    // The client may have given up meanwhile (a test of timeouts): nothing to answer.
    if (res.destroyed) return;
    if (reply.body === undefined) {
      res.writeHead(reply.status).end();
    } else {
      res.writeHead(reply.status, { "content-type": "application/json" }).end(JSON.stringify(reply.body));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  class StubRequestClient extends twilio.RequestClient {
    override request<T>(opts: RequestOptions<T>) {
      const target = new URL(opts.uri);
      return super.request<T>({ ...opts, uri: `${url}${target.pathname}${target.search}` });
    }
  }

  return {
    url,
    requests,
    messages,
    handle(next) {
      handler = next;
    },
    accept,
    client: (clientOptions = {}) =>
      twilio(STUB_ACCOUNT_SID, STUB_AUTH_TOKEN, {
        httpClient: new StubRequestClient({ keepAlive: false, ...(clientOptions.timeout ? { timeout: clientOptions.timeout } : {}) }),
      }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
