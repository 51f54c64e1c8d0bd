// What one callback attempt does to its request, as a pure function of the earlier outcomes.
// Amazon Connect's callback model: a retry gap after a failed try and a maximum number of attempts.
import type { CallbackStatus } from "../../generated/prisma/enums.js";

export type AttemptOutcome = "reached" | "no_answer" | "busy" | "wrong_number";

/** Failed tries (no answer, busy) before the request is given up as unreachable. */
export const MAX_FAILED_ATTEMPTS = 3;
/** After a failed try the request comes due again this much later. */
export const RETRY_GAP_MS = 2 * 3_600_000;

const FAILED: readonly string[] = ["no_answer", "busy"];

export function nextAfterAttempt(earlier: readonly string[], outcome: AttemptOutcome, now: Date): { status: CallbackStatus; dueAt?: Date } {
  if (outcome === "reached") return { status: "called_back" };
  if (outcome === "wrong_number") return { status: "unreachable" };
  const failed = earlier.filter((o) => FAILED.includes(o)).length + 1;
  if (failed >= MAX_FAILED_ATTEMPTS) return { status: "unreachable" };
  return { status: "open", dueAt: new Date(now.getTime() + RETRY_GAP_MS) };
}
