// The softphone on Twilio's Voice SDK: the only file that imports @twilio/voice-sdk, and loaded only
// when the desk needs it (createDeskDevice imports this file lazily), so other pages stay small. The
// token comes from POST /api/desk/token (one hour) and is renewed on the SDK's tokenWillExpire.
import { type Call, Device } from "@twilio/voice-sdk";
import type { DeskCall, DeskToken } from "../../../../../server/contract/hotline/desk";
import { API_URL, httpClient } from "../../../dataProvider";
import { type DeskDevice, DeviceEvents, type DeviceState } from "./desk-device";

async function freshToken(): Promise<string> {
  const { json } = await httpClient(`${API_URL}/desk/token`, { method: "POST" });
  const token = json as DeskToken;
  if (token.mode !== "twilio") throw new Error("The server no longer issues softphone tokens");
  return token.token;
}

export class TwilioDevice implements DeskDevice {
  readonly kind = "twilio" as const;
  readonly needsMicrophone = true;
  private current: DeviceState = "unregistered";
  private readonly events = new DeviceEvents();
  private device: Device | null = null;
  private call: Call | null = null;
  private callId: number | null = null;
  /** The server's latest offers: the SDK's incoming call carries only Twilio's sids, the desk names the call. */
  private offers: DeskCall[] = [];

  constructor(private readonly initialToken: string) {}

  get state(): DeviceState {
    return this.current;
  }

  on = this.events.on.bind(this.events);

  private set(state: DeviceState) {
    this.current = state;
    this.events.emit({ type: "state", state });
  }

  private fail(error: unknown) {
    this.events.emit({ type: "error", message: error instanceof Error ? error.message : String(error) });
  }

  async register(): Promise<void> {
    this.set("registering");
    const device = new Device(this.initialToken, { closeProtection: true, codecPreferences: ["opus", "pcmu"] as Call.Codec[] });
    this.device = device;
    device.on("registered", () => this.set(this.call ? "on-call" : "ready"));
    device.on("unregistered", () => this.set("unregistered"));
    device.on("error", (error: { message?: string }) => {
      this.fail(error.message ?? "Twilio error");
      if (this.current === "registering") this.set("error");
    });
    device.on("tokenWillExpire", () => {
      freshToken()
        .then((token) => device.updateToken(token))
        .catch((error: unknown) => this.fail(error));
    });
    device.on("incoming", (call: Call) => this.incoming(call));
    try {
      await device.register();
    } catch (error) {
      this.set("error");
      this.fail(error);
    }
  }

  private incoming(call: Call) {
    if (this.call) {
      call.reject();
      return;
    }
    this.call = call;
    this.callId = this.offers[0]?.callId ?? null;
    const ended = () => {
      if (this.call !== call) return;
      this.call = null;
      const callId = this.callId;
      this.callId = null;
      this.set(this.device?.state === "registered" ? "ready" : "unregistered");
      this.events.emit({ type: "disconnected", callId });
    };
    call.on("accept", () => {
      this.set("on-call");
      this.events.emit({ type: "accepted", callId: this.callId });
    });
    call.on("disconnect", ended);
    call.on("cancel", ended);
    call.on("reject", ended);
    call.on("error", (error: { message?: string }) => this.fail(error.message ?? "Call error"));
    this.set("ringing");
    this.events.emit({ type: "incoming", callId: this.callId });
  }

  async unregister(): Promise<void> {
    this.device?.destroy();
    this.device = null;
    this.set("unregistered");
  }

  serverState(offers: DeskCall[]): void {
    this.offers = offers;
    if (this.call && this.callId === null) this.callId = offers[0]?.callId ?? null;
  }

  async accept(): Promise<void> {
    this.call?.accept();
  }

  async reject(): Promise<void> {
    this.call?.reject();
  }

  mute(muted: boolean): void {
    this.call?.mute(muted);
  }

  sendDigits(digits: string): void {
    this.call?.sendDigits(digits);
  }

  async hangup(): Promise<void> {
    this.call?.disconnect();
  }
}
