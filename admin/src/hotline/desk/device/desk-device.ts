// The softphone as the desk sees it: one small interface, two implementations. twilio-device.ts wraps
// @twilio/voice-sdk (real calls, a microphone); simulated-device.ts plays simulated calls through the
// server's simulator (tests, demos, deployments without Twilio keys). Nothing else knows which is used.
import type { DeskCall } from "../../../../../server/contract/hotline/desk";

/** unregistered → registering → ready ⇄ ringing → on-call → ready; error when registration failed or was lost. */
export type DeviceState = "unregistered" | "registering" | "ready" | "ringing" | "on-call" | "error";

export type DeskDeviceEvent =
  | { type: "state"; state: DeviceState }
  /** A call rings this softphone; callId when the device knows it (the desk stream's offer). */
  | { type: "incoming"; callId: number | null }
  | { type: "accepted"; callId: number | null }
  /** The call ended, was taken elsewhere, or the caller hung up. */
  | { type: "disconnected"; callId: number | null }
  | { type: "error"; message: string };

export interface DeskDevice {
  readonly kind: "twilio" | "simulated";
  /** Whether the browser's microphone is needed (asked with an explanation before the SDK asks). */
  readonly needsMicrophone: boolean;
  readonly state: DeviceState;
  register(): Promise<void>;
  unregister(): Promise<void>;
  /** Subscribes to the device's events; returns the unsubscribe function. */
  on(listener: (event: DeskDeviceEvent) => void): () => void;
  accept(): Promise<void>;
  reject(): Promise<void>;
  mute(muted: boolean): void;
  sendDigits(digits: string): void;
  hangup(): Promise<void>;
  /**
   * What the server says rings this user and which call they are on (the desk stream). The
   * simulated device rings on it; Twilio's device uses it to name the call it rings for.
   */
  serverState(offers: DeskCall[], current: DeskCall | null): void;
}

/** A small event hub for the implementations. */
export class DeviceEvents {
  private readonly listeners = new Set<(event: DeskDeviceEvent) => void>();
  on(listener: (event: DeskDeviceEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
  emit(event: DeskDeviceEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
