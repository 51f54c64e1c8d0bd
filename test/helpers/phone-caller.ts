// One caller of the hotline driven step by step, as Twilio would post for them: signed webhooks
// through the real app, each following the URL the previous TwiML answer gave. For tests that hold
// several calls at once at chosen points (queues), where the call simulator runs one call to its end.
import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import type { Config } from "../../server/config.js";
import { parseXml, type XmlElement } from "../../server/hotline/simulator/xml.js";
import type { Db } from "../../server/platform/db/client.js";
import { signedPost } from "./twilio.js";

export interface Caller {
  callSid: string;
  /** The last TwiML answered to this call. */
  twiml: XmlElement;
  /** Everything said and played in the last answer. */
  heard(): string[];
  /** Starts the call. */
  call(): Promise<XmlElement>;
  /** Presses a key at the current Gather (menu, or a turn of the wait loop). */
  press(digits: string): Promise<XmlElement>;
  /** Follows the Redirect at the end of the current answer (the next turn of the wait loop). */
  redirect(): Promise<XmlElement>;
  /** Twilio fetches the URL the REST API gave the call. */
  fetch(url: string): Promise<XmlElement>;
  /** The staff member rung by the current Dial (its only target, or `index`) hears the whisper and presses 1. */
  staffAccepts(index?: number): Promise<XmlElement>;
  /** The staff leg ends: answered (talked `talkSeconds`) or not; the caller is still on the line. */
  dialEnds(status: "completed" | "no-answer", talkSeconds?: number): Promise<XmlElement>;
  /** Twilio retries the last request: the same parameters to the same URL; returns the raw answer. */
  retry(): Promise<string>;
  /** The final status callback. */
  hangUp(): Promise<void>;
}

export function phoneCaller(app: FastifyInstance, config: Config, db: Db, from: string, to: string): Caller {
  const callSid = `CA${randomBytes(16).toString("hex")}`;
  const base = { CallSid: callSid, AccountSid: `AC${"0".repeat(32)}`, From: from, To: to, Direction: "inbound" };
  const post = async (url: string, params: Record<string, string>) => {
    const path = url.startsWith(config.PUBLIC_BASE_URL) ? url.slice(config.PUBLIC_BASE_URL.length) : url;
    const response = await signedPost(app, config, db, path, params);
    if (response.status >= 400) throw new Error(`${path} answered ${response.status}: ${response.body}`);
    return response.body;
  };
  const find = (name: string) => {
    const found = caller.twiml.children.find((c) => c.name === name);
    if (!found) throw new Error(`no <${name}> in ${JSON.stringify(caller.twiml)}`);
    return found;
  };
  let last: { url: string; params: Record<string, string> } | null = null;
  const answer = async (url: string, params: Record<string, string>) => {
    last = { url, params: { ...base, CallStatus: "in-progress", ...params } };
    caller.twiml = parseXml(await post(last.url, last.params));
    return caller.twiml;
  };
  const caller: Caller = {
    callSid,
    twiml: { name: "Response", attributes: {}, children: [], text: "" },
    heard() {
      const texts: string[] = [];
      const walk = (element: XmlElement) => {
        if (element.name === "Say" || element.name === "Play") texts.push(element.text.trim());
        for (const child of element.children) walk(child);
      };
      walk(caller.twiml);
      return texts;
    },
    async call() {
      caller.twiml = parseXml(await post("/twilio/voice/incoming", { ...base, CallStatus: "ringing" }));
      return caller.twiml;
    },
    press: (digits) => answer(find("Gather").attributes.action ?? "", { Digits: digits }),
    redirect: () => answer(find("Redirect").text.trim(), {}),
    fetch: (url) => answer(url, {}),
    async retry() {
      if (!last) throw new Error("nothing to retry");
      return post(last.url, last.params);
    },
    async staffAccepts(index = 0) {
      const dial = find("Dial");
      const target = dial.children.filter((c) => c.name === "Number" || c.name === "Client")[index];
      if (!target?.attributes.url) throw new Error("no staff to ring");
      const leg = {
        ...base,
        CallSid: `CA${randomBytes(16).toString("hex")}`,
        ParentCallSid: callSid,
        Direction: "outbound-dial",
        CallStatus: "in-progress",
      };
      const whisper = parseXml(await post(target.attributes.url, leg));
      const gather = whisper.children.find((c) => c.name === "Gather");
      return parseXml(await post(gather?.attributes.action ?? "", { ...leg, Digits: "1" }));
    },
    dialEnds: (status, talkSeconds = 60) =>
      answer(find("Dial").attributes.action ?? "", {
        DialCallStatus: status,
        DialCallDuration: String(status === "completed" ? talkSeconds : 0),
      }),
    async hangUp() {
      await post("/twilio/voice/status", { ...base, CallStatus: "completed", CallDuration: "100" });
    },
  };
  return caller;
}
