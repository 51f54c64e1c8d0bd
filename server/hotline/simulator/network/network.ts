// The simulator's network: what Twilio itself does to live simulated calls when our server asks it
// through the REST API (server/platform/twilio/voice-api.ts). A simulated call registers its legs
// here while it runs (simulated-call.ts); redirecting a leg abandons the TwiML it is executing and
// fetches the new URL, hanging one up ends it, as Twilio does:
// - redirecting the caller's call while it is in a <Dial> ends the Dial without its action (Twilio
//   abandons the current TwiML, and the bridged staff leg is hung up);
// - hanging up the staff leg of a <Dial> ends the bridge: the caller's Dial action fires with
//   DialCallStatus=completed, and the caller goes on (the survey).
// - conferences (<Dial><Conference>): the first participant starts it; status callback events
//   (conference-start, participant-join, participant-leave, participant-hold/unhold, conference-end)
//   are posted signed to the statusCallback of the participant who started it, as Twilio does; a
//   participant with endConferenceOnExit leaving ends it, and every other participant's <Dial> ends
//   (their action fires); a held participant hears holdUrl; the recording's status callback is
//   posted when the conference ends (record="record-from-start");
// - placed calls (createCall): the callee (`answering`, set by the test, or the demo's default in
//   answering.ts) picks up or not; the call's statusCallback hears ringing, in-progress and the final
//   status; its TwiML is followed (each Gather gets the callee's next key, "1" by default) into the
//   conference, and when the conference ends a <Dial action> is posted (DialCallStatus=completed,
//   DialCallDuration) and the leg follows the TwiML it answers (a called-back citizen's survey).
// Choices where Twilio leaves room: events are posted one at a time in order and awaited (Twilio
// sends them asynchronously); a participant alone in a conference just waits (no wait music steps).
import { randomBytes } from "node:crypto";
import twilio from "twilio";
import type { NewCall, ParticipantUpdate, VoiceApi } from "../../../platform/twilio/voice-api.js";
import { parseXml } from "../xml.js";

/** Posts a webhook to the server, signed; the answer's body. Throws when the server answers 4xx/5xx. */
export type Post = (url: string, params: Record<string, string>) => Promise<string>;

export interface Transport {
  post(path: string, params: Record<string, string>, signature: string): Promise<{ status: number; body: string }>;
}

/** The callee of a placed call: pick up or not, and how long they stay (resolves when they hang up). */
export interface Answering {
  answer: boolean;
  talk?: () => Promise<number>;
  /** Keys pressed at each successive Gather ("1" each when they run out or are not given). */
  keys?: string[];
  /** The call is over, whoever ended it. */
  ended?: () => void;
}

/** Decides how the callee of a placed call answers (`to`: a number or client:<identity>). */
export type AnswerPlacedCall = (to: string, call: NewCall & { callSid: string }) => Promise<Answering>;

interface Participant {
  callSid: string;
  hold: boolean;
  muted: boolean;
  endConferenceOnExit: boolean;
  /** Resolves when the participant is out (conference ended). */
  out: () => void;
  onHold?: (url: string | null) => void;
}

interface Conference {
  sid: string;
  name: string;
  statusCallback: string | null;
  recordingStatusCallback: string | null;
  startedAt: number;
  participants: Map<string, Participant>;
}

const sid = (prefix: string) => `${prefix}${randomBytes(16).toString("hex")}`;
const ACCOUNT = `AC${"0".repeat(32)}`;

export type Interrupt = { type: "redirect"; url: string } | { type: "hangup" };

/** A live simulated leg as the network holds it. */
export class LiveLeg {
  #pending: Interrupt | null = null;
  #waiters: ((i: Interrupt) => void)[] = [];

  constructor(
    readonly callSid: string,
    private readonly forget: () => void,
  ) {}

  /** Resolves when the server redirects or hangs up this leg (at once if it already did and nobody took it). */
  wait(): Promise<Interrupt> {
    if (this.#pending) return Promise.resolve(this.#pending);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** The interrupt not yet acted on, taken (so the next wait waits for a new one). */
  takePending(): Interrupt | null {
    const taken = this.#pending;
    this.#pending = null;
    return taken;
  }

  interrupt(i: Interrupt): void {
    this.#pending = i;
    for (const waiter of this.#waiters.splice(0)) waiter(i);
  }

  /** The leg is over: the network forgets it. */
  close(): void {
    this.forget();
  }
}

export class SimulatorNetwork implements VoiceApi {
  readonly #legs = new Map<string, LiveLeg>();
  readonly #conferences = new Map<string, Conference>();
  #post: Post | null = null;
  /** Attaches the network when a call is placed before any simulated call ran (the demo's callbacks). */
  #connect: (() => Promise<void>) | null = null;
  /** How callees answer the calls the server places (callbacks, consults, listens); unset: nobody answers. */
  answering: AnswerPlacedCall | null = null;
  /** Webhooks of the network's own legs that failed or answered an error (tests expect none). */
  readonly errors: string[] = [];

  /** Where the network posts its webhooks (the simulator's transport and the deployment's signing key). */
  attach(transport: Transport, signingKey: string, baseUrl: string): void {
    this.#post = async (url, params) => {
      const absolute = url.startsWith("http") ? url : `${baseUrl}${url}`;
      const signature = twilio.getExpectedTwilioSignature(signingKey, absolute, params);
      const response = await transport.post(absolute.slice(baseUrl.length), params, signature);
      if (response.status >= 400) throw new Error(`${absolute.slice(baseUrl.length)} answered ${response.status}`);
      return response.body;
    };
  }

  /** How to attach (attach()) on first need, when no simulated call has attached the network yet. */
  connectWith(connect: () => Promise<void>): void {
    this.#connect = connect;
  }

  #send(url: string | null, params: Record<string, string>): Promise<string> {
    if (!url || !this.#post) return Promise.resolve("");
    return this.#post(url, params).catch((error: unknown) => {
      this.errors.push((error as Error).message);
      return "";
    });
  }

  /** A simulated leg is live: the server may now act on it. */
  register(callSid: string): LiveLeg {
    const leg: LiveLeg = new LiveLeg(callSid, () => {
      // A later leg with the same sid (a redirected child leg following its new TwiML) stays.
      if (this.#legs.get(callSid) === leg) this.#legs.delete(callSid);
    });
    this.#legs.set(callSid, leg);
    return leg;
  }

  async redirect(callSid: string, url: string): Promise<boolean> {
    const live = this.#legs.get(callSid);
    if (!live) return false;
    live.interrupt({ type: "redirect", url });
    return true;
  }

  async hangup(callSid: string): Promise<boolean> {
    const live = this.#legs.get(callSid);
    if (!live) return false;
    live.interrupt({ type: "hangup" });
    return true;
  }

  async createCall(call: NewCall): Promise<string | null> {
    if (!this.#post && this.#connect) await this.#connect().catch(() => {});
    if (!this.#post) return null;
    const callSid = sid("CA");
    void this.#placed(callSid, call);
    return callSid;
  }

  async #placed(callSid: string, call: NewCall): Promise<void> {
    const base = { CallSid: callSid, AccountSid: ACCOUNT, From: call.from, To: call.to, Direction: "outbound-api" };
    const status = (CallStatus: string) => this.#send(call.statusCallback ?? null, { ...base, CallStatus });
    await status("ringing");
    // While it rings the server may hang it up (a callback's staff member gave up): canceled.
    const ringing = this.register(callSid);
    const part = (await this.answering?.(call.to, { ...call, callSid }).catch(() => null)) ?? { answer: false };
    const canceled = ringing.takePending()?.type === "hangup";
    ringing.close();
    if (canceled || !part.answer) {
      await status(canceled ? "canceled" : "no-answer");
      return;
    }
    await status("in-progress");
    try {
      await this.followLeg(callSid, call.url, base, part.talk?.() ?? null, part.keys);
    } finally {
      part.ended?.();
    }
    await status("completed");
  }

  /**
   * A leg following TwiML on its own (a placed call, or a Dial's child leg redirected into the
   * conference): Say and Play pass, a Gather gets the next of `keys` ("1" when none is left),
   * <Dial><Conference> joins until the conference ends or `talking` resolves (the person hangs up).
   * When the conference ends and the Dial has an action, Twilio posts it (DialCallStatus=completed,
   * DialCallDuration) and the leg goes on with the TwiML it answers.
   */
  async followLeg(
    callSid: string,
    url: string,
    base: Record<string, string>,
    talking: Promise<number> | null,
    keys: string[] = [],
  ): Promise<void> {
    const pressed = [...keys];
    const leg = this.register(callSid);
    let hungUp = false;
    void talking?.then(() => {
      hungUp = true;
      leg.interrupt({ type: "hangup" });
    });
    try {
      let next: { url: string; params: Record<string, string> } | null = { url, params: { ...base, CallStatus: "in-progress" } };
      for (let hops = 0; next && hops < 20 && !hungUp; hops++) {
        const twiml = parseXml(await this.#send(next.url, next.params));
        next = null;
        for (const verb of twiml.children) {
          if (verb.name === "Gather" && verb.attributes.action) {
            next = { url: verb.attributes.action, params: { ...base, CallStatus: "in-progress", Digits: pressed.shift() ?? "1" } };
            break;
          }
          if (verb.name === "Redirect") {
            next = { url: verb.text.trim(), params: { ...base, CallStatus: "in-progress" } };
            break;
          }
          const conference = verb.name === "Dial" ? verb.children.find((c) => c.name === "Conference") : undefined;
          if (conference) {
            const joined = Date.now();
            const interrupt = await this.join(conference.text.trim(), leg, conference.attributes);
            if (interrupt?.type === "redirect") next = { url: interrupt.url, params: { ...base, CallStatus: "in-progress" } };
            const action = verb.attributes.action;
            if (interrupt === null && action && !hungUp) {
              // Twilio reports whole seconds.
              const seconds = String(Math.round((Date.now() - joined) / 1000));
              next = {
                url: action,
                params: { ...base, CallStatus: "in-progress", DialCallStatus: "completed", DialCallDuration: seconds },
              };
            }
            leg.takePending();
            break;
          }
          if (verb.name === "Hangup") break;
        }
      }
    } finally {
      leg.close();
    }
  }

  /**
   * The leg joins the named conference; resolves when it is out: the conference ended (null), or the
   * server hung up or redirected the leg (that interrupt, left pending for the leg to act on).
   */
  async join(
    name: string,
    leg: LiveLeg,
    attributes: Record<string, string>,
    onHold?: (url: string | null) => void,
  ): Promise<Interrupt | null> {
    let conference = this.#conferences.get(name);
    const starting = !conference;
    if (!conference) {
      conference = {
        sid: sid("CF"),
        name,
        statusCallback: attributes.statusCallback ?? null,
        recordingStatusCallback: null,
        startedAt: Date.now(),
        participants: new Map(),
      };
      this.#conferences.set(name, conference);
    }
    if (attributes.record === "record-from-start" && attributes.recordingStatusCallback) {
      conference.recordingStatusCallback ??= attributes.recordingStatusCallback;
    }
    let out: () => void = () => {};
    const ended = new Promise<null>((resolve) => {
      out = () => resolve(null);
    });
    const participant: Participant = {
      callSid: leg.callSid,
      hold: false,
      muted: attributes.muted === "true",
      endConferenceOnExit: attributes.endConferenceOnExit === "true",
      out,
      ...(onHold ? { onHold } : {}),
    };
    conference.participants.set(leg.callSid, participant);
    if (starting) await this.#event(conference, "conference-start");
    await this.#event(conference, "participant-join", participant);
    const outcome = await Promise.race([ended, leg.wait()]);
    if (outcome !== null) await this.#leave(conference, participant);
    return outcome;
  }

  #event(conference: Conference, event: string, participant?: Participant): Promise<string> {
    return this.#send(conference.statusCallback, {
      AccountSid: ACCOUNT,
      ConferenceSid: conference.sid,
      FriendlyName: conference.name,
      StatusCallbackEvent: event,
      Timestamp: new Date().toUTCString(),
      ...(participant
        ? {
            CallSid: participant.callSid,
            Hold: String(participant.hold),
            Muted: String(participant.muted),
            EndConferenceOnExit: String(participant.endConferenceOnExit),
          }
        : {}),
    });
  }

  async #leave(conference: Conference, participant: Participant): Promise<void> {
    if (!conference.participants.delete(participant.callSid)) return;
    await this.#event(conference, "participant-leave", participant);
    if (participant.endConferenceOnExit || conference.participants.size === 0) await this.#end(conference);
  }

  async #end(conference: Conference): Promise<void> {
    if (this.#conferences.get(conference.name) !== conference) return;
    this.#conferences.delete(conference.name);
    const rest = [...conference.participants.values()];
    conference.participants.clear();
    for (const participant of rest) {
      await this.#event(conference, "participant-leave", participant);
      participant.out();
    }
    await this.#event(conference, "conference-end");
    if (conference.recordingStatusCallback) {
      const seconds = Math.round((Date.now() - conference.startedAt) / 1000);
      await this.#send(conference.recordingStatusCallback, {
        AccountSid: ACCOUNT,
        ConferenceSid: conference.sid,
        RecordingSid: sid("RE"),
        RecordingStatus: "completed",
        RecordingDuration: String(seconds),
        RecordingChannels: "1",
        RecordingSource: "DialConference",
        RecordingUrl: `/simulated/recordings/${conference.sid}`,
      });
    }
  }

  async updateParticipant(conferenceSid: string, callSid: string, update: ParticipantUpdate): Promise<boolean> {
    const conference = [...this.#conferences.values()].find((c) => c.sid === conferenceSid);
    const participant = conference?.participants.get(callSid);
    if (!conference || !participant) return false;
    if (update.muted !== undefined) participant.muted = update.muted;
    if (update.endConferenceOnExit !== undefined) participant.endConferenceOnExit = update.endConferenceOnExit;
    if (update.hold !== undefined && update.hold !== participant.hold) {
      participant.hold = update.hold;
      participant.onHold?.(update.hold ? (update.holdUrl ?? null) : null);
      // Sent after the REST answer, as Twilio does: not awaited here.
      void this.#event(conference, update.hold ? "participant-hold" : "participant-unhold", participant);
    }
    return true;
  }
}
