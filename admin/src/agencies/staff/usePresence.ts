// Changing a staff member's presence (PUT /api/staff/:id/presence), phone PIN (PUT /api/staff/:id/pin)
// or where their calls ring (PUT /api/staff/:id/answer-on),
// from the agency page's panel and from an agent's home; the server decides who may
// (server/agencies/staff/presence-routes.ts).
import { useState } from "react";
import { type Identifier, useNotify } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import type { AnswerOn, CHOSEN_PRESENCE_STATES } from "../../../../server/contract/enums";
import { API_URL, httpClient } from "../../dataProvider";

export type ChosenState = (typeof CHOSEN_PRESENCE_STATES)[number];

export function usePresence(refetch: () => Promise<unknown>) {
  const notify = useNotify();
  const [pending, setPending] = useState<Identifier | null>(null);
  const send = async (staff: Staff, path: string, body: unknown, success: string) => {
    setPending(staff.id);
    try {
      await httpClient(`${API_URL}/staff/${encodeURIComponent(staff.id)}/${path}`, { method: "PUT", body: JSON.stringify(body) });
      notify(success, { type: "success" });
      await refetch();
      return true;
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
      return false;
    } finally {
      setPending(null);
    }
  };
  const choose = (staff: Staff, state: ChosenState, reason: string | null = null) =>
    send(staff, "presence", { state, ...(state === "away" ? { reason } : {}) }, "tthc.staff.presence_saved");
  const setPin = (staff: Staff, pin: string | null) => send(staff, "pin", { pin }, "tthc.staff.pin_saved");
  /** Where the staff member's calls ring (PUT /api/staff/:id/answer-on). */
  const setAnswerOn = (staff: Staff, answerOn: AnswerOn) => send(staff, "answer-on", { answerOn }, "tthc.desk.answer_on.saved");
  return { pending, choose, setPin, setAnswerOn };
}
