// Which softphone this deployment gives the desk: Twilio's when the server issues tokens, the
// simulated one when it says "simulated" (no Twilio keys: demos and tests). The SDK's wrapper is
// imported lazily, so its code is fetched only by a desk that uses it.
import type { DeskToken } from "../../../../../server/contract/hotline/desk";
import { API_URL, httpClient } from "../../../dataProvider";
import type { DeskDevice } from "./desk-device";
import { SimulatedDevice } from "./simulated-device";

export async function createDeskDevice(): Promise<DeskDevice> {
  const { json } = await httpClient(`${API_URL}/desk/token`, { method: "POST" });
  const token = json as DeskToken;
  if (token.mode === "simulated") return new SimulatedDevice();
  const { TwilioDevice } = await import("./twilio-device");
  return new TwilioDevice(token.token);
}
