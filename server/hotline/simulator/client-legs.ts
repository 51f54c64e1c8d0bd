// The browser desks of a simulated <Dial>: each <Client>staff-N</Client> whose staff member has a
// simulated device open (simulated-clients.ts) rings in their console, and what they do there decides
// the leg. Accepting makes the simulator post the Client's URL exactly as Twilio would once the
// softphone accepted (signed, with ParentCallSid), so the server's own race rules decide whether they
// got the call; hanging up ends the leg, and the caller's <Dial action> follows as from Twilio.
import { staffIdOfIdentity } from "../../agencies/staff/answer-on.js";
import type { SimulatedClients } from "./simulated-clients.js";
import { parseXml, type XmlElement } from "./xml.js";

/** A conversation that nobody ends is ended after this long (a forgotten tab must not hold a simulated call forever). */
const MAX_TALK_MS = 30 * 60_000;

export interface ClientLegContext {
  clients: SimulatedClients;
  parentCallSid: string;
  dial: XmlElement;
  /** Posts a signed webhook as Twilio would and returns its TwiML. */
  post(url: string, params: Record<string, string>): Promise<string>;
  /** The parameters of a new child leg of the call, to `to`. */
  legParams(to: string): Record<string, string>;
  report(action: string): void;
}

export interface ClientLegResult {
  dialStatus: "completed" | "no-answer" | "busy";
  talkSeconds: number;
}

/**
 * Plays the dial's browser desks. Null when it has nothing to play: no Client is registered and phones
 * are dialled too (the phones' part plays on as before). Without registered Clients nor phones the
 * dial rings out for its timeout, as a browser with no softphone open would.
 */
export async function playClientLegs(ctx: ClientLegContext): Promise<ClientLegResult | null> {
  const clients = ctx.dial.children.filter((c) => c.name === "Client");
  const phones = ctx.dial.children.filter((c) => c.name === "Number");
  const timeoutMs = Number(ctx.dial.attributes.timeout ?? 30) * 1000;
  const identities = ctx.clients.registered(clients.map((c) => c.text.trim()));
  if (identities.length === 0) {
    if (phones.length > 0 || clients.length === 0) return null;
    ctx.report("no softphone open: rings out");
    await new Promise((resolve) => setTimeout(resolve, timeoutMs));
    return { dialStatus: "no-answer", talkSeconds: 0 };
  }
  ctx.report(`rings in the console of ${identities.join(", ")}`);
  const connect = async (identity: string) => {
    const url = clients.find((c) => c.text.trim() === identity)?.attributes.url;
    if (!url) return true;
    const answer = parseXml(await ctx.post(url, { ...ctx.legParams(`client:${identity}`), CallStatus: "in-progress" }));
    return !answer.children.some((c) => c.name === "Hangup");
  };
  const { outcome, ring } = await ctx.clients.ring({ parentCallSid: ctx.parentCallSid, identities, timeoutMs }, connect);
  if (!outcome.answered) {
    ctx.report(outcome.reason === "rejected" ? "declined in the console" : "not answered in the console");
    return { dialStatus: outcome.reason === "rejected" ? "busy" : "no-answer", talkSeconds: 0 };
  }
  const connected = (await ring.connected) ?? false;
  if (!connected) {
    ctx.clients.finished(ring);
    ctx.report(`${outcome.identity} accepted but was not connected`);
    return { dialStatus: "no-answer", talkSeconds: 0 };
  }
  ctx.report(`${outcome.identity} answered in the console`);
  const started = Date.now();
  const digits: string[] = [];
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, MAX_TALK_MS);
    ring.talking = {
      staffId: staffIdOfIdentity(outcome.identity) ?? 0,
      digits,
      hangUp: () => {
        clearTimeout(timer);
        resolve();
      },
    };
  });
  ctx.clients.finished(ring);
  if (digits.length > 0) ctx.report(`pressed ${digits.join("")} on the softphone`);
  ctx.report(`${outcome.identity} hung up`);
  // Twilio reports whole seconds.
  return { dialStatus: "completed", talkSeconds: Math.max(1, Math.round((Date.now() - started) / 1000)) };
}
