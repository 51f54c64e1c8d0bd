// Walks a call through the hotline as Twilio would, without Twilio: it posts signed webhooks, follows
// the URLs in each TwiML answer, plays the caller's keys from a script and the staff member's part
// (whisper, accept, talk, hang up), and reports every prompt, decision and TwiML on the way. The
// server cannot tell these requests from Twilio's, so the call leaves a normal record, marked simulated.
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import twilio from "twilio";
import type { SimulationStep } from "../../contract/hotline/simulator.js";
import { playClientLegs } from "./client-legs.js";
import type { Interrupt, LiveLeg, SimulatorNetwork } from "./network/network.js";
import type { SimulatedClients } from "./simulated-clients.js";
import { parseXml, type XmlElement } from "./xml.js";

export interface SimulatorTransport {
  /** POSTs form parameters to a path of the server with the given X-Twilio-Signature. */
  post(path: string, params: Record<string, string>, signature: string): Promise<{ status: number; body: string }>;
}

/** Drives the app's own webhook routes in-process: signature check, schema and handler, no network. */
export function injectTransport(app: Pick<FastifyInstance, "inject">): SimulatorTransport {
  return {
    async post(path, params, signature) {
      const response = await app.inject({
        method: "POST",
        url: path,
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        payload: new URLSearchParams(params).toString(),
      });
      return { status: response.statusCode, body: response.body };
    },
  };
}

export interface CallScript {
  from: string;
  to: string;
  /** Keys pressed at each successive Gather; "" is silence. When they run out the caller hangs up. */
  digits: string[];
  /** What the first staff member rung does: accept (press 1 and talk), or let it ring out. */
  staff: "answer" | "no-answer";
  talkSeconds?: number;
  voicemailSeconds?: number;
  /**
   * While waiting in a queue: the key pressed at each turn of the wait loop ("" waits on, "1" asks
   * for a callback). When they run out the caller keeps waiting, up to maxQueueTurns turns, then hangs up.
   */
  queueDigits?: string[];
  /** The hold music's length stands in as this many milliseconds per turn (1000 by default). */
  queueTurnMs?: number;
  maxQueueTurns?: number;
  /**
   * Plays the staff side in real time (the scenario runner): called with the numbers rung, resolves when
   * one of them (`target`, an index) picks up, or all let it ring out; `talk` resolves with the seconds talked when they
   * hang up. Without it the first target answers at once and talks talkSeconds.
   */
  staffPart?: (targets: string[]) => Promise<StaffPart>;
  /**
   * Browser desks with a simulated device open (client-legs.ts): their <Client> legs ring in the
   * console and the person there decides. Without it a <Client> is played like a phone.
   */
  clients?: SimulatedClients;
  /** Told of each webhook before it is sent (the scenario runner times the wait from it). */
  onRequest?: (path: string, params: Record<string, string>) => void;
  /**
   * Where the call's legs live while it runs, so the server can act on them through the REST API
   * (redirect for a cold transfer, hang up a staff leg) as Twilio would. Without it, nothing can.
   */
  network?: SimulatorNetwork;
  /** Carries out the staff parts' steps (StaffPart.steps). */
  desk?: StaffDesk;
}

/**
 * One thing a simulated staff member does while talking, `after` seconds after the previous one:
 * through the desk (StaffDesk) as a person would through the console. wait-consult waits until the
 * colleague rung for a warm transfer has joined (and the caller is in the conference).
 */
export type StaffStep =
  | { after?: number; do: "hold" | "unhold" | "join" | "handover" | "hang-up" | "wait-consult" }
  | { after?: number; do: "transfer"; agencyId: number; mode: "cold" | "warm"; reason: string };

/** Where a simulated staff member's steps are carried out: the server's desk actions, or later a browser's API calls. */
export interface StaffDesk {
  act(leg: StaffLeg, step: StaffStep): Promise<void>;
}

/** Steps after which the staff member is no longer on the call: the server ends their leg. */
const LEAVING: ReadonlySet<StaffStep["do"]> = new Set(["handover", "hang-up"]);

/**
 * Plays a staff member's steps during the talk. Resolves with the seconds talked when the last step
 * leaves them on the call (they then hang up); never when a step made the server end their leg (a
 * cold transfer, a hand-over, hanging up): the network ends the talk instead.
 */
export async function playStaffSteps(steps: StaffStep[], leg: StaffLeg, desk: StaffDesk): Promise<number> {
  const started = Date.now();
  let leaving = false;
  for (const step of steps) {
    const after = step.after ?? 0;
    if (after > 0) await new Promise((resolve) => setTimeout(resolve, after * 1000));
    await desk.act(leg, step);
    leaving = LEAVING.has(step.do) || (step.do === "transfer" && step.mode === "cold");
  }
  if (leaving) return new Promise<number>(() => {});
  return Math.round((Date.now() - started) / 1000);
}

/** The staff member's leg while they talk: what a staff part (a test, a simulated device) acts on. */
export interface StaffLeg {
  /** The caller's call. */
  callSid: string;
  /** The staff member's own leg (the Dial's child). */
  legCallSid: string;
  /** The number or client identity rung. */
  target: string;
}

export interface StaffPart {
  answer: boolean;
  target?: number;
  /**
   * Resolves with the seconds talked when the staff member hangs up. While it runs the staff member may
   * act through the server (hold, transfer, hang up their leg); the server's REST requests end the talk
   * as Twilio would (see network/network.ts), and this promise is then no longer awaited.
   */
  talk?: (leg: StaffLeg) => Promise<number>;
  /** What the staff member does during the talk, carried out through the script's desk (instead of `talk`). */
  steps?: StaffStep[];
  /** The server ended the staff member's leg (the caller was transferred, or the leg hung up) during the talk. */
  ended?: (why: "transferred" | "hung-up") => void;
  /** The staff member picked up but the server did not connect them (the caller had gone). */
  notConnected?: () => void;
}

const MAX_REQUESTS = 60;
export const QUEUE_PATH = "/twilio/voice/queue/wait";

export async function simulateCall(transport: SimulatorTransport, signingKey: string, baseUrl: string, script: CallScript) {
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const steps: SimulationStep[] = [];
  const digits = [...script.digits];
  const queueDigits = [...(script.queueDigits ?? [])];
  const maxQueueTurns = script.maxQueueTurns ?? 30;
  let queueTurns = 0;
  const base = { CallSid: callSid, AccountSid: `AC${"0".repeat(32)}`, From: script.from, To: script.to, Direction: "inbound" };
  let requests = 0;
  script.network?.attach(transport, signingKey, baseUrl);
  const caller = script.network?.register(callSid) ?? null;

  const post = async (url: string, params: Record<string, string>) => {
    if (++requests > MAX_REQUESTS + 2 * queueTurns) throw new Error(`the call did not end within ${MAX_REQUESTS} requests`);
    const absolute = url.startsWith("http") ? url : `${baseUrl}${url}`;
    const path = absolute.slice(baseUrl.length);
    script.onRequest?.(path, params);
    const signature = twilio.getExpectedTwilioSignature(signingKey, absolute, params);
    const response = await transport.post(path, params, signature);
    steps.push({ type: "request", path, params: redact(params), status: response.status, twiml: response.body });
    if (response.status >= 400) throw new Error(`${path} answered ${response.status}: ${response.body}`);
    return response.body;
  };

  // Executes one TwiML document; returns the next request to make, or null when the call is over.
  const execute = async (twiml: string): Promise<{ url: string; params: Record<string, string> } | null> => {
    for (const verb of parseXml(twiml).children) {
      switch (verb.name) {
        case "Say":
        case "Play":
          speak(verb);
          break;
        case "Gather": {
          for (const child of verb.children) speak(child);
          if ((verb.attributes.action ?? "").includes(QUEUE_PATH)) {
            // A turn of the wait loop: a key, or the music plays out and the Redirect comes.
            if (++queueTurns > maxQueueTurns) return hangUp();
            const key = queueDigits.shift() ?? "";
            steps.push({ type: "gather", digits: key });
            if (key !== "") return { url: verb.attributes.action ?? "", params: { ...base, CallStatus: "in-progress", Digits: key } };
            await new Promise((resolve) => setTimeout(resolve, script.queueTurnMs ?? 1000));
            break;
          }
          if (digits.length === 0) return hangUp();
          const pressed = digits.shift() ?? "";
          steps.push({ type: "gather", digits: pressed });
          const collected = collectedDigits(pressed, verb.attributes);
          if (collected === "" && verb.attributes.actionOnEmptyResult !== "true") break;
          return { url: verb.attributes.action ?? "", params: { ...base, CallStatus: "in-progress", Digits: collected } };
        }
        case "Dial":
          return dial(verb);
        case "Record": {
          const seconds = script.voicemailSeconds ?? 12;
          steps.push({ type: "record", seconds });
          const recordingSid = `RE${randomBytes(16).toString("hex")}`;
          if (verb.attributes.recordingStatusCallback) {
            await post(verb.attributes.recordingStatusCallback, recordingParams(recordingSid, seconds, "RecordVerb"));
          }
          return {
            url: verb.attributes.action ?? "",
            params: { ...base, CallStatus: "in-progress", RecordingSid: recordingSid, RecordingDuration: String(seconds) },
          };
        }
        case "Redirect":
          return { url: verb.text.trim(), params: { ...base, CallStatus: "in-progress" } };
        case "Hangup":
          steps.push({ type: "hangup", by: "server" });
          return null;
        default:
          break;
      }
    }
    steps.push({ type: "hangup", by: "server" });
    return null;
  };

  const speak = (verb: XmlElement) => {
    if (verb.name === "Say") steps.push({ type: "say", text: verb.text.trim() });
    if (verb.name === "Play") steps.push({ type: "play", url: verb.text.trim() });
  };

  const hangUp = () => {
    steps.push({ type: "hangup", by: "caller" });
    return null;
  };

  const recordingParams = (recordingSid: string, seconds: number, source: string) => ({
    ...base,
    RecordingSid: recordingSid,
    RecordingStatus: "completed",
    RecordingDuration: String(seconds),
    RecordingChannels: source === "DialVerb" ? "2" : "1",
    RecordingSource: source,
    RecordingUrl: `${baseUrl}/simulated/recordings/${recordingSid}`,
  });

  // The caller's <Dial><Conference> (after a lift): in the conference until it ends (the Dial's action
  // fires), or the server moves or hangs up the call.
  const conference = async (verb: XmlElement, room: XmlElement, network: SimulatorNetwork, leg: LiveLeg) => {
    const name = room.text.trim();
    steps.push({ type: "dial", targets: [`conference:${name}`] });
    const started = Date.now();
    const onHold = (url: string | null) => {
      if (url) steps.push({ type: "play", url });
      steps.push({ type: "staff", action: url ? "put the caller on hold" : "took the caller off hold" });
    };
    const interrupt = await network.join(name, leg, room.attributes, onHold);
    leg.takePending();
    if (interrupt?.type === "hangup") {
      steps.push({ type: "hangup", by: "server" });
      return null;
    }
    if (interrupt?.type === "redirect") return { url: interrupt.url, params: { ...base, CallStatus: "in-progress" } };
    const seconds = String(Math.round((Date.now() - started) / 1000));
    return {
      url: verb.attributes.action ?? "",
      params: { ...base, CallStatus: "in-progress", DialCallStatus: "completed", DialCallDuration: seconds },
    };
  };

  /**
   * The phones of a <Dial> (and Clients when no browser desks are played): the script's staff part
   * picks one up, hears the whisper and presses 1, or lets it ring. Null when nobody picks up.
   */
  const ringPhones = async (verb: XmlElement, legParams: (to: string) => Record<string, string>) => {
    const targets = verb.children.filter((c) => c.name === "Number" || (c.name === "Client" && !script.clients));
    steps.push({ type: "dial", targets: targets.map((t) => t.text.trim()) });
    const part = script.staffPart && targets.length > 0 ? await script.staffPart(targets.map((t) => t.text.trim())) : null;
    const first = targets[part?.target ?? 0];
    if (script.staff === "no-answer" || !first?.attributes.url || part?.answer === false) return null;
    const leg = legParams(first.text.trim());
    const whisper = parseXml(await post(first.attributes.url, { ...leg, CallStatus: "in-progress" }));
    const gather = whisper.children.find((c) => c.name === "Gather");
    for (const child of gather?.children ?? []) steps.push({ type: "staff", action: `hears: ${child.text.trim()}` });
    // A phone's whisper asks for a key; a Client's URL answers the accepted leg itself.
    const accepted = gather?.attributes.action
      ? parseXml(await post(gather.attributes.action, { ...leg, CallStatus: "in-progress", Digits: "1" }))
      : first.name === "Client"
        ? whisper
        : null;
    const connected = accepted !== null && !accepted.children.some((c) => c.name === "Hangup");
    steps.push({ type: "staff", action: connected ? "pressed 1 and answered" : "was not connected" });
    if (!connected) part?.notConnected?.();
    const info: StaffLeg = { callSid, legCallSid: leg.CallSid ?? "", target: first.text.trim() };
    const talking = !connected
      ? null
      : part?.steps && script.desk
        ? playStaffSteps(part.steps, info, script.desk)
        : part?.talk
          ? part.talk(info)
          : null;
    return { leg, connected, talking, ended: part?.ended, end: () => {} };
  };

  // The staff side of a <Dial>: a browser desk or a phone takes it (or nobody), then the bridge lasts
  // until the staff member hangs up, the server moves the caller (a cold transfer), or the server moves
  // the staff leg (the lift into the conference).
  const dial = async (verb: XmlElement) => {
    const room = verb.children.find((c) => c.name === "Conference");
    if (room && script.network && caller) return conference(verb, room, script.network, caller);
    const action = verb.attributes.action ?? "";
    const legParams = (to: string) => ({
      ...base,
      CallSid: `CA${randomBytes(16).toString("hex")}`,
      ParentCallSid: callSid,
      Direction: "outbound-dial",
      To: to,
    });
    const noAnswer = (status: string) => ({
      url: action,
      params: { ...base, CallStatus: "in-progress", DialCallStatus: status, DialCallDuration: "0" },
    });
    const browser = script.clients
      ? await playClientLegs({
          clients: script.clients,
          parentCallSid: callSid,
          dial: verb,
          post,
          legParams,
          report: (what) => steps.push({ type: "staff", action: what }),
        })
      : null;
    if (browser?.kind === "unanswered") return noAnswer(browser.dialStatus);
    const taken =
      browser?.kind === "connected"
        ? { leg: browser.leg, connected: true, talking: browser.hungUp, ended: undefined, end: browser.end }
        : await ringPhones(verb, legParams);
    if (!taken) {
      steps.push({ type: "staff", action: "no answer" });
      return noAnswer("no-answer");
    }
    const { leg, connected, talking } = taken;
    const legCallSid = leg.CallSid ?? "";
    const staffLeg = connected ? (script.network?.register(legCallSid) ?? null) : null;
    const started = Date.now();
    const outcome = await talkUntil(talking, caller, staffLeg, script.talkSeconds ?? 95);
    staffLeg?.close();
    const moved = outcome.kind === "staff" && outcome.interrupt.type === "redirect";
    if (outcome.kind === "staff" && outcome.interrupt.type === "redirect" && script.network) {
      // The staff leg was moved (the lift into the conference): it follows its new TwiML on its own,
      // the staff member still talking; the caller's Dial ends and its action fires.
      steps.push({ type: "staff", action: "moved into the conference" });
      void script.network.followLeg(legCallSid, outcome.interrupt.url, leg, talking);
    } else if (outcome.kind !== "talked") {
      // The server ended this leg (a transfer, a hang-up): the desk stops ringing it.
      taken.end();
    }
    // Twilio reports whole seconds.
    const talk = Math.round(outcome.kind === "talked" ? outcome.seconds : (Date.now() - started) / 1000);
    if (outcome.kind !== "talked" && !moved) taken.ended?.(outcome.kind === "caller" ? "transferred" : "hung-up");
    if (connected && verb.attributes.recordingStatusCallback) {
      await post(verb.attributes.recordingStatusCallback, recordingParams(`RE${randomBytes(16).toString("hex")}`, talk, "DialVerb"));
    }
    if (outcome.kind === "caller") {
      // The caller's call was moved by the REST API: Twilio abandons the Dial (no action) and hangs up the staff leg.
      caller?.takePending();
      steps.push({ type: "staff", action: "leg ended by the server" });
      if (outcome.interrupt.type === "hangup") {
        steps.push({ type: "hangup", by: "server" });
        return null;
      }
      return { url: outcome.interrupt.url, params: { ...base, CallStatus: "in-progress" } };
    }
    return {
      url: action,
      params: {
        ...base,
        CallStatus: "in-progress",
        DialCallStatus: connected ? "completed" : "no-answer",
        DialCallDuration: connected ? String(talk) : "0",
      },
    };
  };

  let next: { url: string; params: Record<string, string> } | null = {
    url: "/twilio/voice/incoming",
    params: { ...base, CallStatus: "ringing", Simulated: "true" },
  };
  try {
    while (next) {
      next = await execute(await post(next.url, next.params));
      // A REST request that came between two webhooks: Twilio acts on it before the next verb.
      const pending = caller?.takePending();
      if (pending?.type === "redirect") next = { url: pending.url, params: { ...base, CallStatus: "in-progress" } };
      if (pending?.type === "hangup") next = null;
    }
  } finally {
    caller?.close();
  }
  await post("/twilio/voice/status", { ...base, CallStatus: "completed", CallDuration: "120" });
  return { callSid, steps };
}

type TalkOutcome = { kind: "talked"; seconds: number } | { kind: "caller" | "staff"; interrupt: Interrupt };

/**
 * The bridge until one side ends it: the staff part's talk, the server moving the caller's call
 * (redirect or hang-up), or the server ending the staff leg. Without a staff part the talk takes no
 * time (the simulator reports `seconds`).
 */
async function talkUntil(
  talking: Promise<number> | null,
  caller: LiveLeg | null,
  staff: LiveLeg | null,
  seconds: number,
): Promise<TalkOutcome> {
  const contenders: Promise<TalkOutcome>[] = [(talking ?? Promise.resolve(seconds)).then((s) => ({ kind: "talked", seconds: s }))];
  if (caller) contenders.push(caller.wait().then((interrupt) => ({ kind: "caller", interrupt })));
  if (staff) contenders.push(staff.wait().then((interrupt) => ({ kind: "staff", interrupt })));
  const outcome = await Promise.race(contenders);
  if (outcome.kind === "staff") staff?.takePending();
  return outcome;
}

/**
 * What Twilio posts as Digits for the keys a caller pressed at a <Gather>: input ends at the finish key
 * (absent attribute: "#"; empty: none), which is not sent, or once numDigits keys are in. Callers press
 * "101#" because the prompt asks them to; the flow only ever sees "101", as it would from Twilio.
 */
function collectedDigits(pressed: string, gather: Record<string, string>): string {
  const finishOnKey = gather.finishOnKey ?? "#";
  const finished = finishOnKey === "" ? pressed : (pressed.split(finishOnKey)[0] ?? "");
  const numDigits = Number(gather.numDigits);
  return Number.isInteger(numDigits) && numDigits > 0 ? finished.slice(0, numDigits) : finished;
}

/** The simulator's report never repeats the caller's number. */
function redact(params: Record<string, string>): Record<string, string> {
  const { From: _from, To: _to, ...rest } = params;
  return rest;
}
