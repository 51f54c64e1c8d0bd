// The Twilio side of the load: real HTTP requests, each signed with X-Twilio-Signature over the public
// URL, spread at random over the target processes as a load balancer would. The call itself is walked
// by the project's own call simulator (server/simulator/simulated-call.ts), which follows the TwiML:
// gathers, the staff leg's whisper and key press, the dial action, the survey and the status callback.
// This file adds what a benchmark needs on top: think time, a timeout, timings and error accounting.
import http from "node:http";
import twilio from "twilio";
import { type CallScript, type SimulatorTransport, simulateCall } from "../../server/hotline/simulator/simulated-call.js";
import { parseXml } from "../../server/hotline/simulator/xml.js";

/** Twilio gives up on a webhook after 15 seconds. */
export const TWILIO_TIMEOUT_MS = 15_000;

/** The caller of the issue: menu key 2 (land and building), key 1 (land), a staff member answers, survey 1 and 1. */
export const BENCH_SCRIPT: CallScript = {
  from: "0912345678",
  to: "+842563822478",
  digits: ["2", "1", "1", "1"],
  staff: "answer",
  talkSeconds: 60,
};

/** Callbacks whose answer Twilio ignores: an empty 2xx is right there; every other webhook must answer TwiML. */
const CALLBACKS = new Set(["/twilio/voice/status", "/twilio/voice/recording-status"]);
/** Where the server's degraded TwiML leads (server/hotline/voice/degraded/twiml.ts). */
const DEGRADED_ROUTES = "/twilio/voice/degraded/";

export interface Sample {
  /** The webhook's path without the query string. */
  kind: string;
  ms: number;
  /** Why it failed, or undefined when it answered 2xx with valid TwiML in time. */
  error?: string;
}

export interface CallRecord {
  callSid: string;
  /** Every webhook answered well and the call ran to its status callback. */
  ok: boolean;
  /** The webhooks posted for this call, by kind (the call log is checked against them). */
  posts: string[];
}

export interface ClientOptions {
  origins: string[];
  signingKey: string;
  publicBaseUrl: string;
  thinkMs: number;
  timeoutMs: number;
}

class WebhookFailed extends Error {}

/** Why a webhook's answer is not what Twilio needs, or null when it is fine. */
export function answerProblem(kind: string, status: number, body: string): string | null {
  if (status < 200 || status >= 300) return `HTTP ${status}`;
  if (body.trim() === "") return CALLBACKS.has(kind) ? null : "empty answer";
  let root: ReturnType<typeof parseXml>;
  try {
    root = parseXml(body);
  } catch {
    return "invalid TwiML";
  }
  if (root.name !== "Response") return `TwiML root is <${root.name}>`;
  // Valid TwiML, yet the caller hears "the system is busy" instead of the hotline: a failure under load.
  if (body.includes(DEGRADED_ROUTES)) return "degraded answer (database too slow or down)";
  return null;
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// node:http with keep-alive rather than fetch: a fifth of the client's CPU per request, which matters
// when the generator shares two cores with the server and PostgreSQL.
const agent = new http.Agent({ keepAlive: true });

/** Closes the kept-alive connections, so the process can end. */
export function closeClient(): void {
  agent.destroy();
}

class Timeout extends Error {}

/** One form POST; rejects with Timeout when the whole answer has not arrived within `timeoutMs`. */
function postForm(url: string, form: string, signature: string, timeoutMs: number): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      "content-type": "application/x-www-form-urlencoded",
      "content-length": Buffer.byteLength(form),
      "x-twilio-signature": signature,
    };
    const request = http.request(url, { method: "POST", agent, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        body += chunk;
      });
      response.on("end", () => {
        clearTimeout(timer);
        resolve({ status: response.statusCode ?? 0, body });
      });
      response.on("error", reject);
    });
    const timer = setTimeout(() => request.destroy(new Timeout()), timeoutMs);
    request.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    request.end(form);
  });
}

/** Places one call; every webhook's timing goes to `record`. Never throws: a failed call is reported. */
export async function placeCall(options: ClientOptions, record: (sample: Sample) => void): Promise<CallRecord> {
  const posts: string[] = [];
  let callSid = "";
  const transport: SimulatorTransport = {
    async post(path, params, signature) {
      // A person takes time to listen and press a key (0.5 to 1.5 times the think time).
      if (options.thinkMs > 0) await pause(options.thinkMs * (0.5 + Math.random()));
      callSid ||= params.CallSid ?? "";
      const kind = path.split("?")[0] ?? path;
      posts.push(kind);
      const origin = options.origins[Math.floor(Math.random() * options.origins.length)];
      const started = performance.now();
      let status = 0;
      let body = "";
      let problem: string | null;
      try {
        ({ status, body } = await postForm(`${origin}${path}`, new URLSearchParams(params).toString(), signature, options.timeoutMs));
        problem = answerProblem(kind, status, body);
      } catch (error) {
        problem = error instanceof Timeout ? "timeout" : `network: ${(error as { code?: string }).code ?? (error as Error).name}`;
      }
      record({ kind, ms: performance.now() - started, ...(problem ? { error: problem } : {}) });
      if (problem) throw new WebhookFailed(problem);
      return { status, body };
    },
  };
  try {
    await simulateCall(transport, options.signingKey, options.publicBaseUrl, BENCH_SCRIPT);
    return { callSid, ok: true, posts };
  } catch (error) {
    // A failure the transport did not see (the walk itself went wrong) still counts against the call.
    if (!(error instanceof WebhookFailed)) record({ kind: "(call walk)", ms: 0, error: (error as Error).message.slice(0, 120) });
    // Twilio ends a call whose webhook failed and still reports its final status: so does the bench.
    if (callSid) await transport.post("/twilio/voice/status", ...signed(options, statusParams(callSid))).catch(() => {});
    return { callSid, ok: false, posts };
  }
}

function statusParams(callSid: string): Record<string, string> {
  const { from, to } = BENCH_SCRIPT;
  return {
    CallSid: callSid,
    AccountSid: `AC${"0".repeat(32)}`,
    From: from,
    To: to,
    Direction: "inbound",
    CallStatus: "completed",
    CallDuration: "30",
  };
}

function signed(options: ClientOptions, params: Record<string, string>): [Record<string, string>, string] {
  const url = `${options.publicBaseUrl}/twilio/voice/status`;
  return [params, twilio.getExpectedTwilioSignature(options.signingKey, url, params)];
}
