// The softphone for simulated calls: registered with the server's simulator (renewed while the page is
// open), it rings when the desk stream offers a simulated call, and answers, rejects, sends keys and
// hangs up through /api/simulator/desk, which makes the simulator play Twilio's part (the Client URL,
// the Dial's end). No microphone: there is no audio, so after a reload it takes the call back.
import type { DeskCall } from "../../../../../server/contract/hotline/desk";
import { API_URL, httpClient } from "../../../dataProvider";
import { type DeskDevice, DeviceEvents, type DeviceState } from "./desk-device";

const RENEW_MS = 30_000;

export class SimulatedDevice implements DeskDevice {
  readonly kind = "simulated" as const;
  readonly needsMicrophone = false;
  private current: DeviceState = "unregistered";
  private readonly events = new DeviceEvents();
  private renew: ReturnType<typeof setInterval> | null = null;
  private ringing: number | null = null;
  private onCall: number | null = null;
  /** Offers already rung or declined, so a repeated stream event does not ring again. */
  private readonly seen = new Set<number>();
  /** Calls hung up here, which the server may still name for a moment until the dial's end lands. */
  private readonly hungUp = new Set<number>();

  get state(): DeviceState {
    return this.current;
  }

  on = this.events.on.bind(this.events);

  private set(state: DeviceState) {
    this.current = state;
    this.events.emit({ type: "state", state });
  }

  private post(path: string, body?: unknown) {
    return httpClient(`${API_URL}/simulator/desk${path}`, { method: "POST", ...(body ? { body: JSON.stringify(body) } : {}) });
  }

  async register(): Promise<void> {
    this.set("registering");
    try {
      await this.post("/device");
      this.set("ready");
      this.renew = setInterval(() => {
        this.post("/device").catch(() => this.set("error"));
      }, RENEW_MS);
    } catch (error) {
      this.set("error");
      this.events.emit({ type: "error", message: error instanceof Error ? error.message : String(error) });
    }
  }

  async unregister(): Promise<void> {
    if (this.renew) clearInterval(this.renew);
    this.renew = null;
    await httpClient(`${API_URL}/simulator/desk/device`, { method: "DELETE" }).catch(() => {});
    this.set("unregistered");
  }

  serverState(offers: DeskCall[], current: DeskCall | null): void {
    if (this.ringing !== null && !offers.some((o) => o.callId === this.ringing) && current?.callId !== this.ringing) {
      // Taken by a colleague, or the caller hung up while it rang.
      const callId = this.ringing;
      this.ringing = null;
      this.events.emit({ type: "disconnected", callId });
      this.set("ready");
    }
    if (this.onCall !== null && current?.callId !== this.onCall) {
      const callId = this.onCall;
      this.onCall = null;
      this.events.emit({ type: "disconnected", callId });
      this.set("ready");
    }
    if (this.current !== "ready") return;
    if (current?.simulated && this.onCall === null && !this.hungUp.has(current.callId)) {
      // The page was reloaded during a simulated call: its leg lives on in the simulator, take it back.
      this.onCall = current.callId;
      this.set("on-call");
      this.events.emit({ type: "accepted", callId: current.callId });
      return;
    }
    const offer = offers.find((o) => o.simulated && !this.seen.has(o.callId));
    if (!offer) return;
    this.seen.add(offer.callId);
    this.ringing = offer.callId;
    this.set("ringing");
    this.events.emit({ type: "incoming", callId: offer.callId });
  }

  async accept(): Promise<void> {
    const callId = this.ringing;
    if (callId === null) return;
    try {
      await this.post(`/calls/${callId}/accept`);
      this.ringing = null;
      this.onCall = callId;
      this.set("on-call");
      this.events.emit({ type: "accepted", callId });
    } catch (error) {
      this.ringing = null;
      this.set("ready");
      this.events.emit({ type: "error", message: error instanceof Error ? error.message : String(error) });
      this.events.emit({ type: "disconnected", callId });
    }
  }

  async reject(): Promise<void> {
    const callId = this.ringing;
    if (callId === null) return;
    this.ringing = null;
    this.set("ready");
    await this.post(`/calls/${callId}/reject`).catch(() => {});
    this.events.emit({ type: "disconnected", callId });
  }

  mute(): void {
    // Nothing to mute: a simulated call carries no audio.
  }

  sendDigits(digits: string): void {
    if (this.onCall === null) return;
    this.post(`/calls/${this.onCall}/digits`, { digits }).catch((error: unknown) =>
      this.events.emit({ type: "error", message: error instanceof Error ? error.message : String(error) }),
    );
  }

  async hangup(): Promise<void> {
    const callId = this.onCall;
    if (callId === null) return;
    this.onCall = null;
    this.hungUp.add(callId);
    try {
      await this.post(`/calls/${callId}/hangup`);
    } finally {
      this.set("ready");
      this.events.emit({ type: "disconnected", callId });
    }
  }
}
