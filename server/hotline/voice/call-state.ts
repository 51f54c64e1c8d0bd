import type { CallState } from "../ivr/types.js";

/**
 * What calls.state holds between webhooks: the interpreter's state and the number of the step the
 * call is waiting for. Every URL in the TwiML carries that number, so a retried webhook is
 * recognised (same step: the stored answer is replayed) and a stale one changes nothing.
 */
export interface StoredCallState {
  step: number;
  ivr: CallState | null;
}

export function storedState(value: unknown): StoredCallState {
  const candidate = value as Partial<StoredCallState> | null;
  return { step: typeof candidate?.step === "number" ? candidate.step : 0, ivr: (candidate?.ivr as CallState | undefined) ?? null };
}

export const FINAL_CALL_STATUSES = new Set(["completed", "busy", "failed", "no-answer", "canceled"]);
