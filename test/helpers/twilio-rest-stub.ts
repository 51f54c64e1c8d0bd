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
  authorization?: string;
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
  /** Replaces the behaviour for the following requests; undefined restores the defaults. */
  handle(handler: StubHandler | undefined): void;
  client(): ReturnType<typeof twilio>;
  close(): Promise<void>;
}

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

function defaultReply(request: StubRequest): StubReply {
  if (request.method === "POST" && /\/Messages\.json$/.test(request.path)) {
    return {
      status: 201,
      body: {
        sid: `SM${randomBytes(16).toString("hex")}`,
        status: "queued",
        to: request.body.To,
        body: request.body.Body,
        messaging_service_sid: request.body.MessagingServiceSid ?? null,
      },
    };
  }
  if (request.method === "DELETE" && /\/Recordings\/RE[0-9a-f]{32}\.json$/.test(request.path)) return { status: 204 };
  return { status: 404, body: { code: 20404, message: "The requested resource was not found", status: 404 } };
}

export async function startTwilioRestStub(): Promise<TwilioRestStub> {
  const requests: StubRequest[] = [];
  let handler: StubHandler | undefined;
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const raw = await read(req);
    const request: StubRequest = {
      method: req.method ?? "GET",
      path: (req.url ?? "/").split("?")[0] ?? "/",
      body: Object.fromEntries(new URLSearchParams(raw)),
      authorization: req.headers.authorization,
    };
    requests.push(request);
    const reply = (await handler?.(request)) ?? defaultReply(request);
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
    handle(next) {
      handler = next;
    },
    client: () => twilio(STUB_ACCOUNT_SID, STUB_AUTH_TOKEN, { httpClient: new StubRequestClient({ keepAlive: false }) }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
