// What one callback attempt does to its request, as a pure function of the earlier outcomes.
// Amazon Connect's callback model: a retry gap after a failed try and a maximum number of attempts.
import type { CallbackOutcome, PlacedCallbackOutcome } from "../../contract/enums.js";
import type { CallbackStatus } from "../../generated/prisma/enums.js";

export type AttemptOutcome = CallbackOutcome;

/** Failed tries (no answer, busy) before the request is given up as unreachable. */
export const MAX_FAILED_ATTEMPTS = 3;
/** After a failed try the request comes due again this much later. */
export const RETRY_GAP_MS = 2 * 3_600_000;

const FAILED: readonly (string | null)[] = ["no_answer", "busy"];

export function nextAfterAttempt(
  earlier: readonly (string | null)[],
  outcome: AttemptOutcome,
  now: Date,
): { status: CallbackStatus; dueAt?: Date } {
  if (outcome === "reached") return { status: "called_back" };
  if (outcome === "wrong_number") return { status: "unreachable" };
  const failed = earlier.filter((o) => FAILED.includes(o)).length + 1;
  if (failed >= MAX_FAILED_ATTEMPTS) return { status: "unreachable" };
  return { status: "open", dueAt: new Date(now.getTime() + RETRY_GAP_MS) };
}

/** The outcomes of a placed call that say something about the citizen; the others leave the request as it was. */
export function isCitizenOutcome(outcome: PlacedCallbackOutcome): outcome is CallbackOutcome {
  return outcome !== "staff_unanswered" && outcome !== "failed";
}

/**
 * A citizen leg that ended without being answered, from Twilio's final CallStatus: busy and no-answer
 * are tries that count; failed means the number could not be reached as dialled (Twilio: most likely
 * non-existent); canceled is ours (the staff member hung up while it rang) and says nothing of the citizen.
 */
export function unansweredCitizenOutcome(callStatus: string): PlacedCallbackOutcome {
  if (callStatus === "busy") return "busy";
  if (callStatus === "no-answer") return "no_answer";
  if (callStatus === "failed") return "wrong_number";
  return "failed";
}
