// The desk's live state and its softphone. The state (calls ringing me, the call I am on) comes from
// GET /api/desk/current, then from the desk stream (GET /api/desk/stream, `event: desk`); EventSource
// reconnects by itself. The softphone is created once the user answers in the browser, told each new
// state, and reports its own events (incoming, accepted, disconnected, errors).
import { useCallback, useEffect, useRef, useState } from "react";
import type { DeskState } from "../../../../server/contract/hotline/desk";
import { API_URL, httpClient } from "../../dataProvider";
import { createDeskDevice } from "./device/create-device";
import type { DeskDevice, DeviceState } from "./device/desk-device";

export function useDeskState() {
  const [state, setState] = useState<DeskState | null>(null);
  const [live, setLive] = useState(false);
  const reload = useCallback(async () => {
    const { json } = await httpClient(`${API_URL}/desk/current`);
    setState(json as DeskState);
  }, []);
  useEffect(() => {
    void reload().catch(() => {});
    const source = new EventSource(`${API_URL}/desk/stream`, { withCredentials: true });
    source.addEventListener("desk", (event) => {
      setState(JSON.parse((event as MessageEvent<string>).data) as DeskState);
      setLive(true);
    });
    source.onerror = () => setLive(false);
    return () => source.close();
  }, [reload]);
  return { state, live, reload };
}

export interface Softphone {
  device: DeskDevice | null;
  deviceState: DeviceState;
  /** The call ringing this softphone, by id when known. */
  ringing: { callId: number | null } | null;
  /** The call this softphone carries the audio of (null after a reload: the leg went with the page). */
  connectedCallId: number | null;
  /** The microphone must be asked for (Twilio's device) before registering. */
  needsMicrophone: boolean;
  errors: string[];
  start(): Promise<void>;
  dismissError(index: number): void;
}

export function useSoftphone(enabled: boolean, state: DeskState | null): Softphone {
  const [device, setDevice] = useState<DeskDevice | null>(null);
  const [deviceState, setDeviceState] = useState<DeviceState>("unregistered");
  const [ringing, setRinging] = useState<{ callId: number | null } | null>(null);
  const [connectedCallId, setConnectedCallId] = useState<number | null>(null);
  const [errors, setErrors] = useState<string[]>([]);
  const deviceRef = useRef<DeskDevice | null>(null);

  useEffect(() => {
    if (!enabled) return;
    let cancelled = false;
    let unsubscribe = () => {};
    createDeskDevice()
      .then((created) => {
        if (cancelled) return;
        deviceRef.current = created;
        unsubscribe = created.on((event) => {
          switch (event.type) {
            case "state":
              setDeviceState(event.state);
              break;
            case "incoming":
              setRinging({ callId: event.callId });
              break;
            case "accepted":
              setRinging(null);
              setConnectedCallId(event.callId);
              break;
            case "disconnected":
              setRinging(null);
              setConnectedCallId(null);
              break;
            case "error":
              setErrors((list) => [...list.slice(-2), event.message]);
              break;
          }
        });
        setDevice(created);
        // The simulated device needs no microphone: it registers at once.
        if (!created.needsMicrophone) void created.register();
      })
      .catch((error: unknown) => setErrors((list) => [...list, error instanceof Error ? error.message : String(error)]));
    return () => {
      cancelled = true;
      unsubscribe();
      void deviceRef.current?.unregister();
      deviceRef.current = null;
      setDevice(null);
      setDeviceState("unregistered");
    };
  }, [enabled]);

  // Again once registered: what rang (or the call it was on) before the device was ready.
  useEffect(() => {
    if (device && state && deviceState !== "registering") device.serverState(state.offers, state.current);
  }, [device, state, deviceState]);

  return {
    device,
    deviceState,
    ringing,
    connectedCallId,
    needsMicrophone: device?.needsMicrophone ?? false,
    errors,
    start: async () => {
      await device?.register();
    },
    dismissError: (index) => setErrors((list) => list.filter((_, i) => i !== index)),
  };
}

/** Seconds since an instant, ticking every second. */
export function useSecondsSince(iso: string | null | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return iso ? Math.max(0, Math.floor((now - Date.parse(iso)) / 1000)) : null;
}
