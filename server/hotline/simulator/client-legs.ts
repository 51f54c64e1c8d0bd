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

/** The browsers' part of a dial: nobody took it, or one desk is on the call until its staff member hangs up. */
export type ClientLegResult =
  | { kind: "unanswered"; dialStatus: "no-answer" | "busy" }
  | {
      kind: "connected";
      identity: string;
      /** The child leg as Twilio posted it (its CallSid is the staff leg the server may act on). */
      leg: Record<string, string>;
      /** Resolves with the seconds talked when the staff member hangs up in the console. */
      hungUp: Promise<number>;
      /** The leg ended otherwise (the server moved the call or ended the conference): stop ringing the desk. */
      end(): void;
    };

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
    return { kind: "unanswered", dialStatus: "no-answer" };
  }
  ctx.report(`rings in the console of ${identities.join(", ")}`);
  const legs = new Map<string, Record<string, string>>();
  const connect = async (identity: string) => {
    const url = clients.find((c) => c.text.trim() === identity)?.attributes.url;
    const leg = ctx.legParams(`client:${identity}`);
    legs.set(identity, leg);
    if (!url) return true;
    const answer = parseXml(await ctx.post(url, { ...leg, CallStatus: "in-progress" }));
    return !answer.children.some((c) => c.name === "Hangup");
  };
  const { outcome, ring } = await ctx.clients.ring({ parentCallSid: ctx.parentCallSid, identities, timeoutMs }, connect);
  if (!outcome.answered) {
    ctx.report(outcome.reason === "rejected" ? "declined in the console" : "not answered in the console");
    return { kind: "unanswered", dialStatus: outcome.reason === "rejected" ? "busy" : "no-answer" };
  }
  const connected = (await ring.connected) ?? false;
  if (!connected) {
    ctx.clients.finished(ring);
    ctx.report(`${outcome.identity} accepted but was not connected`);
    return { kind: "unanswered", dialStatus: "no-answer" };
  }
  ctx.report(`${outcome.identity} answered in the console`);
  const started = Date.now();
  const digits: string[] = [];
  // Twilio reports whole seconds.
  const talked = () => Math.max(1, Math.round((Date.now() - started) / 1000));
  const hungUp = new Promise<number>((resolve) => {
    const timer = setTimeout(() => resolve(talked()), MAX_TALK_MS);
    ring.talking = {
      staffId: staffIdOfIdentity(outcome.identity) ?? 0,
      digits,
      hangUp: () => {
        clearTimeout(timer);
        resolve(talked());
      },
    };
  }).then((seconds) => {
    ctx.clients.finished(ring);
    if (digits.length > 0) ctx.report(`pressed ${digits.join("")} on the softphone`);
    ctx.report(`${outcome.identity} hung up`);
    return seconds;
  });
  return {
    kind: "connected",
    identity: outcome.identity,
    leg: legs.get(outcome.identity) ?? ctx.legParams(`client:${outcome.identity}`),
    hungUp,
    end: () => ctx.clients.finished(ring),
  };
}
