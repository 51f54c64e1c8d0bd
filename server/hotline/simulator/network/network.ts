// The simulator's network: what Twilio itself does to live simulated calls when our server asks it
// through the REST API (server/platform/twilio/voice-api.ts). A simulated call registers its legs
// here while it runs (simulated-call.ts); redirecting a leg abandons the TwiML it is executing and
// fetches the new URL, hanging one up ends it, as Twilio does:
// - redirecting the caller's call while it is in a <Dial> ends the Dial without its action (Twilio
//   abandons the current TwiML, and the bridged staff leg is hung up);
// - hanging up the staff leg of a <Dial> ends the bridge: the caller's Dial action fires with
//   DialCallStatus=completed, and the caller goes on (the survey).
// Not emulated yet (answer false/null, as Twilio would for a call it does not know): placing calls
// and conference participants (hold, warm transfer and listening on simulated calls).
import type { NewCall, ParticipantUpdate, VoiceApi } from "../../../platform/twilio/voice-api.js";

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

  /** A simulated leg is live: the server may now act on it. */
  register(callSid: string): LiveLeg {
    const leg = new LiveLeg(callSid, () => this.#legs.delete(callSid));
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

  async createCall(_call: NewCall): Promise<string | null> {
    return null;
  }

  async updateParticipant(_conferenceSid: string, _callSid: string, _update: ParticipantUpdate): Promise<boolean> {
    return false;
  }
}
