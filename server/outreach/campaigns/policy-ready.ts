// Whether the sending policy lets any campaign go out at all: an opt-out text still holding the
// default's placeholder ("8xxx") would send citizens an instruction they cannot follow (Decree 91
// requires a working way to refuse). Submission and launch are refused until an administrator sets
// the real number; the estimate's checklist shows the same check failed.
import type { SmsPolicy } from "../../contract/outreach/sms-policy.js";
import { conflict } from "../../platform/http/errors.js";
import { optOutPlaceholder } from "../compliance/policy.js";

/** Why the policy blocks campaigns, in English for the API and logs, or null. */
export function policyBlocker(policy: SmsPolicy): string | null {
  const placeholder = optOutPlaceholder(policy.optOutText);
  return placeholder
    ? `The opt-out text "${policy.optOutText.trim()}" still holds the placeholder "${placeholder}": an administrator must set the real number in the SMS policy`
    : null;
}

/** 409 naming the opt-out text when the policy blocks campaigns. */
export function assertPolicyReady(policy: SmsPolicy): void {
  const blocker = policyBlocker(policy);
  if (blocker) throw conflict(blocker, { optOutText: "tthc.validation.opt_out_placeholder" });
}
