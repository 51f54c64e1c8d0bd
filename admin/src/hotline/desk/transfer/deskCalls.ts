// The desk's actions on a live call (POST /api/desk/calls/:id/<action>): the server does the rest
// through Twilio. The contract's types keep the body and answer in step with the server.
import type { DeskActionResult, TransferRequest } from "../../../../../server/contract/hotline/desk-calls";
import { API_URL, httpClient } from "../../../dataProvider";

export type DeskAction = "hold" | "unhold" | "join" | "handover" | "hangup-leg" | "listen" | "takeover";

export async function deskAction(callId: number, action: DeskAction): Promise<DeskActionResult> {
  const { json } = await httpClient(`${API_URL}/desk/calls/${encodeURIComponent(callId)}/${action}`, { method: "POST" });
  return json as DeskActionResult;
}

export async function transferCall(callId: number, request: TransferRequest): Promise<DeskActionResult> {
  const { json } = await httpClient(`${API_URL}/desk/calls/${encodeURIComponent(callId)}/transfer`, {
    method: "POST",
    body: JSON.stringify(request),
  });
  return json as DeskActionResult;
}
