// The database cut in the middle of calls, through a TCP proxy in front of the machine's PostgreSQL
// (which keeps running for everyone else): the caller must still get valid TwiML within 2 s at every
// step, Twilio must never see a 5xx, and once the database is back the call is in the log.
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import twilio from "twilio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { injectTransport } from "../../../server/hotline/simulator/simulated-call.js";
import { parseXml, type XmlElement } from "../../../server/hotline/simulator/xml.js";
import { webhookSigningKey } from "../../../server/platform/twilio/signing-key.js";
import { login, startTestApp, type TestApp } from "../../helpers/app.js";
import { baseDatabaseUrl } from "../../helpers/database.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../../helpers/demo.js";
import { openAllWeek } from "../../helpers/hours.js";
import { startTcpProxy, type TcpProxy } from "../../helpers/tcp-proxy.js";

const OPERATORS = "+842563822000";
const CALLER = { From: "0912 345 678", To: "+842563822478" };
const ANSWER_WITHIN_MS = 2000;

const postgres = new URL(baseDatabaseUrl());
const redis = new URL(process.env.REDIS_URL || "redis://127.0.0.1:6379");
const target = (url: URL, port: number) => ({ host: url.hostname, port: Number(url.port || port) });

interface Harness {
  t: TestApp;
  database: TcpProxy;
  redis: TcpProxy;
  dir: string;
  cookie: string;
  key: string;
}

async function startHarness(overrides: Record<string, string>): Promise<Harness> {
  const database = await startTcpProxy(target(postgres, 5432));
  const redisProxy = await startTcpProxy(target(redis, 6379));
  const dir = await mkdtemp(join(tmpdir(), "tthc-degraded-"));
  const t = await startTestApp(
    {
      REDIS_URL: redisProxy.url(redis.toString()),
      DEGRADED_JOURNAL_FILE: join(dir, "voice-journal.jsonl"),
      VOICE_STEP_BUDGET_MS: "1500",
      DEGRADED_REPLAY_INTERVAL_MS: "200",
      ...overrides,
    },
    { appDatabaseUrl: (url) => database.url(url) },
  );
  seedDemo(t.database.url);
  // Open around the clock, so the menu answers whatever time the tests run.
  await openAllWeek(t.db);
  t.app.callRouting.invalidate();
  const cookie = await login(t.app, "admin", DEMO_ADMIN_PASSWORD);
  const h = { t, database, redis: redisProxy, dir, cookie, key: await webhookSigningKey(t.config, t.db) };
  // A first call warms the app (flow version, routing snapshot, pool), as a live hotline is warm:
  // a cold first step on this shared machine may itself exceed the step budget.
  await twilioPost(h, "/twilio/voice/incoming", { CallSid: "CAwarmup", ...CALLER, CallStatus: "ringing" });
  return h;
}

async function stopHarness(h: Harness | undefined) {
  if (!h) return;
  h.database.restore();
  h.redis.restore();
  await h.t.close();
  await h.database.close();
  await h.redis.close();
  await rm(h.dir, { recursive: true, force: true });
}

/** A webhook as Twilio sends it (signed), with how long the answer took. */
async function twilioPost(h: Harness, pathOrUrl: string, params: Record<string, string>) {
  const path = pathOrUrl.startsWith("http") ? pathOrUrl.slice(h.t.config.PUBLIC_BASE_URL.length) : pathOrUrl;
  const signature = twilio.getExpectedTwilioSignature(h.key, `${h.t.config.PUBLIC_BASE_URL}${path}`, params);
  const started = performance.now();
  const response = await injectTransport(h.t.app).post(path, params, signature);
  return { ...response, ms: performance.now() - started };
}

/** Valid TwiML: a <Response> of known verbs, every <Say> in Vietnamese with the Google voice. */
function twiml(response: { status: number; body: string; ms: number }): XmlElement {
  expect(response.status).toBe(200);
  expect(response.ms).toBeLessThan(ANSWER_WITHIN_MS);
  const root = parseXml(response.body);
  expect(root.name).toBe("Response");
  const verbs = ["Say", "Play", "Gather", "Dial", "Record", "Redirect", "Hangup", "Pause"];
  for (const verb of root.children) expect(verbs).toContain(verb.name);
  const says = [...root.children, ...root.children.flatMap((c) => c.children)].filter((c) => c.name === "Say");
  for (const say of says) expect(say.attributes).toMatchObject({ voice: "Google.vi-VN-Standard-A", language: "vi-VN" });
  return root;
}

const child = (el: XmlElement, name: string) => {
  const found = el.children.find((c) => c.name === name);
  if (!found) throw new Error(`no <${name}> in <${el.name}>: ${el.children.map((c) => c.name).join(", ")}`);
  return found;
};

/** Twilio's status callbacks expect no TwiML: a 204 quickly, never a 5xx. */
function noContent(response: { status: number; ms: number }) {
  expect(response.status).toBe(204);
  expect(response.ms).toBeLessThan(ANSWER_WITHIN_MS);
}

/** The call as the console shows it, once the background replay has written it (polls up to 20 s). */
async function loggedCall(h: Harness, callSid: string, until: (call: Record<string, unknown>) => boolean) {
  const deadline = Date.now() + 20_000;
  let last: unknown = null;
  while (Date.now() < deadline) {
    const list = await h.t.app.inject({ method: "GET", url: "/api/calls?range=[0,49]", headers: { cookie: h.cookie } });
    if (list.statusCode === 200) {
      const summary = (list.json() as { id: number; callSid: string }[]).find((c) => c.callSid === callSid);
      if (summary) {
        const detail = await h.t.app.inject({ method: "GET", url: `/api/calls/${summary.id}`, headers: { cookie: h.cookie } });
        last = detail.json();
        if (detail.statusCode === 200 && until(last as Record<string, unknown>)) return last as Record<string, unknown>;
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`call ${callSid} not logged as expected; last seen: ${JSON.stringify(last)}`);
}

const degradedItems = (call: Record<string, unknown>) =>
  (call.timeline as { type: string; params: Record<string, unknown> }[]).filter((item) => item.type === "degraded");

async function readiness(h: Harness) {
  const response = await h.t.app.inject({ method: "GET", url: "/readyz" });
  return { status: response.statusCode, down: (response.json() as { down: string[] }).down };
}

describe("the database refuses connections mid-call, with an operators' number configured", () => {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness({ DEGRADED_OPERATOR_NUMBER: OPERATORS });
  }, 120_000);
  afterAll(() => stopHarness(h));

  it("connects the caller to the operators, never answers 5xx, and logs the call once the database is back", async () => {
    if (!h) throw new Error("no harness");
    const callSid = "CAdegradedrefused000000000000001";
    const base = { CallSid: callSid, ...CALLER, CallStatus: "in-progress" };

    const menu = twiml(await twilioPost(h, "/twilio/voice/incoming", { ...base, CallStatus: "ringing" }));
    const gatherUrl = child(menu, "Gather").attributes.action ?? "";

    h.database.refuse();
    // Twilio retries a webhook it got no answer to: both copies get the same degraded answer.
    for (let copy = 0; copy < 2; copy++) {
      const busy = twiml(await twilioPost(h, gatherUrl, { ...base, Digits: "1" }));
      expect(busy.children.map((c) => c.name)).toEqual(["Say", "Dial"]);
      expect(child(child(busy, "Dial"), "Number").text).toBe(OPERATORS);
    }
    const busy = twiml(await twilioPost(h, gatherUrl, { ...base, Digits: "1" }));
    const operatorsDial = child(busy, "Dial").attributes.action ?? "";
    expect(operatorsDial).toBe(`${h.t.config.PUBLIC_BASE_URL}/twilio/voice/degraded/dial`);

    expect(await readiness(h)).toEqual({ status: 503, down: ["postgres"] });

    // The operator talked with the caller for 42 s; the caller is thanked and the call ends.
    const goodbye = twiml(await twilioPost(h, operatorsDial, { ...base, DialCallStatus: "completed", DialCallDuration: "42" }));
    expect(goodbye.children.map((c) => c.name)).toEqual(["Say", "Hangup"]);
    noContent(await twilioPost(h, "/twilio/voice/status", { ...base, CallStatus: "completed", CallDuration: "70" }));

    // A caller whose very first request failed reaches Twilio's fallback URL, which needs no database.
    const fallback = twiml(
      await twilioPost(h, "/twilio/voice/fallback", {
        CallSid: "CAdegradedfallback00000000000001",
        ...CALLER,
        CallStatus: "ringing",
        ErrorCode: "11200",
        ErrorUrl: `${h.t.config.PUBLIC_BASE_URL}/twilio/voice/incoming`,
      }),
    );
    expect(child(child(fallback, "Dial"), "Number").text).toBe(OPERATORS);

    h.database.restore();
    const call = await loggedCall(h, callSid, (c) => c.status === "completed");
    expect(call).toMatchObject({ caller: "+84912345678", status: "completed", termination: "answered", talkSeconds: 42 });
    expect(degradedItems(call).map((item) => item.params)).toEqual([
      { webhook: "gather", answer: "operators", reason: "error" },
      { webhook: "operators-dial", answer: "goodbye", reason: "outage" },
    ]);
    const fallbackCall = await loggedCall(h, "CAdegradedfallback00000000000001", (c) => degradedItems(c).length > 0);
    expect(degradedItems(fallbackCall).map((item) => item.params)).toEqual([
      { webhook: "fallback", answer: "operators", reason: "fallback" },
    ]);
    expect(await readiness(h)).toEqual({ status: 200, down: [] });
  }, 60_000);

  it("refuses an unsigned request to the fallback URL, database or not", async () => {
    if (!h) throw new Error("no harness");
    h.database.refuse();
    try {
      const response = await injectTransport(h.t.app).post("/twilio/voice/fallback", { CallSid: "CAforged", ...CALLER }, "forged");
      expect(response.status).toBe(403);
    } finally {
      h.database.restore();
    }
  });
});

describe("the database stops answering (and Redis is down too), with no operators' number", () => {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness({});
  }, 120_000);
  afterAll(() => stopHarness(h));

  it("takes a voicemail within the step budget, keeps it in the local journal, and turns it into a callback request", async () => {
    if (!h) throw new Error("no harness");
    const callSid = "CAdegradedblackhole0000000000001";
    const base = { CallSid: callSid, ...CALLER, CallStatus: "in-progress" };
    const menu = twiml(await twilioPost(h, "/twilio/voice/incoming", { ...base, CallStatus: "ringing" }));
    const gatherUrl = child(menu, "Gather").attributes.action ?? "";

    h.database.blackhole();
    h.redis.refuse();
    const busy = twiml(await twilioPost(h, gatherUrl, { ...base, Digits: "1" }));
    expect(busy.children.map((c) => c.name)).toEqual(["Say", "Record", "Say", "Hangup"]);
    const record = child(busy, "Record").attributes;
    expect(record.action).toBe(`${h.t.config.PUBLIC_BASE_URL}/twilio/voice/degraded/record`);
    expect(record.recordingStatusCallback).toBe(`${h.t.config.PUBLIC_BASE_URL}/twilio/voice/degraded/recording-status`);

    const thanks = twiml(await twilioPost(h, record.action ?? "", { ...base, RecordingDuration: "17", RecordingSid: "REdegraded0001" }));
    expect(thanks.children.map((c) => c.name)).toEqual(["Say", "Hangup"]);
    noContent(
      await twilioPost(h, record.recordingStatusCallback ?? "", {
        CallSid: callSid,
        RecordingSid: "REdegraded0001",
        RecordingStatus: "completed",
        RecordingDuration: "17",
        RecordingSource: "RecordVerb",
        RecordingUrl: "https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/REdegraded0001",
      }),
    );
    noContent(await twilioPost(h, "/twilio/voice/status", { ...base, CallStatus: "completed", CallDuration: "40" }));
    expect(await readiness(h)).toEqual({ status: 503, down: ["postgres", "redis"] });

    // With Redis down too, what happened went to the local journal (the live file, or the part the
    // replay has already claimed while it waits for the database).
    const files = (await readdir(h.dir)).filter((name) => name.startsWith("voice-journal.jsonl")).sort();
    const dir = h.dir;
    const lines = (await Promise.all(files.map((name) => readFile(join(dir, name), "utf8")))).join("").trim().split("\n");
    const kept = lines.map((line) => JSON.parse(line) as { kind: string; at: string }).sort((a, b) => a.at.localeCompare(b.at));
    expect(kept.map((entry) => entry.kind)).toEqual(["gather", "voicemail", "recording-status", "status"]);

    // The database returns while Redis is still down: the file alone completes the log.
    h.database.restore();
    const call = await loggedCall(h, callSid, (c) => c.status === "completed");
    expect(call).toMatchObject({ caller: "+84912345678", status: "completed", termination: "voicemail", recordingCount: 1 });
    expect((call.callback as { status: string } | null)?.status).toBe("open");
    expect(degradedItems(call).map((item) => item.params.webhook)).toEqual(["gather", "voicemail", "recording-status"]);

    const { app } = h.t;
    const cookie = h.cookie;
    const callbacksOf = async (callId: unknown) => {
      const response = await app.inject({ method: "GET", url: "/api/callback-requests?range=[0,49]", headers: { cookie } });
      return (response.json() as { callId: number }[]).filter((c) => c.callId === callId);
    };
    expect(await callbacksOf(call.id)).toHaveLength(1);

    // A server killed between writing an entry and deleting it replays it again: nothing twice.
    await writeFile(join(dir, "voice-journal.jsonl"), `${lines.join("\n")}\n`);
    const deadline = Date.now() + 20_000;
    while ((await readdir(dir)).some((name) => name.startsWith("voice-journal.jsonl")) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await readdir(dir)).filter((name) => name.startsWith("voice-journal.jsonl"))).toEqual([]);
    const again = await loggedCall(h, callSid, () => true);
    expect(again.timeline).toEqual(call.timeline);
    expect(again).toMatchObject({ recordingCount: 1, termination: "voicemail" });
    expect(await callbacksOf(call.id)).toHaveLength(1);
    h.redis.restore();
  }, 60_000);
});
