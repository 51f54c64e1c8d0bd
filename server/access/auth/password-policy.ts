// Which passwords may be set, wherever one is set (user creation, an administrator's reset, the seed).
// Length alone lets "1234567890" and "aaaaaaaaaa" through, so strength is estimated with zxcvbn and
// its common-password dictionary and keyboard graphs; the account's own username, name and e-mail
// are refused inside a password, as they are the first things an attacker tries.
import type { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { searchKey } from "../../text/unaccent.js";

export const MIN_PASSWORD_LENGTH = 12;

/**
 * zxcvbn's score 3 is "safely unguessable": about 10^8 guesses or more. Online guessing is already
 * throttled by the login limits, so this is what stands when a hash leaks and is attacked offline.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Reason keys, sent as `errors.password` and translated by the console (tthc.validation.*). */
export type PasswordProblem = "password_too_short" | "password_personal" | "password_too_weak";

export interface PasswordOwner {
  username: string;
  name?: string | null;
  email?: string | null;
}

export const PASSWORD_PROBLEM_MESSAGES: Record<PasswordProblem, string> = {
  password_too_short: `password must have at least ${MIN_PASSWORD_LENGTH} characters`,
  password_personal: "password must not contain the username, the user's name or e-mail",
  password_too_weak: "password is too easy to guess: use a longer phrase of unrelated words",
};

// The dictionaries are megabytes: loaded on the first password set, once per process.
let estimator: Promise<ZxcvbnFactory> | undefined;
function loadEstimator(): Promise<ZxcvbnFactory> {
  estimator ??= Promise.all([import("@zxcvbn-ts/core"), import("@zxcvbn-ts/language-common")]).then(
    ([{ ZxcvbnFactory }, common]) => new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs }),
  );
  return estimator;
}

/** Lower case, without Vietnamese diacritics, spaces or punctuation: "Trần Thị Thu" → "tranthithu". */
function fold(text: string): string {
  return searchKey(text).replace(/[^\p{L}\p{N}]/gu, "");
}

/** The owner's words an attacker would try; very short ones would refuse innocent passwords. */
function personalWords(owner: PasswordOwner): string[] {
  const email = owner.email ?? "";
  return [owner.username, owner.name ?? "", email, email.split("@")[0] ?? ""].map(fold).filter((word) => word.length >= 4);
}

/** Why this password may not be set for this user, or null when it may. */
export async function passwordProblem(password: string, owner: PasswordOwner): Promise<PasswordProblem | null> {
  if ([...password].length < MIN_PASSWORD_LENGTH) return "password_too_short";
  const folded = fold(password);
  const personal = personalWords(owner);
  if (personal.some((word) => folded.includes(word))) return "password_personal";
  const zxcvbn = await loadEstimator();
  const userInputs = [owner.username, owner.name ?? "", owner.email ?? "", ...(owner.name ?? "").split(/\s+/)].filter(Boolean);
  return zxcvbn.check(password, userInputs).score < MIN_PASSWORD_SCORE ? "password_too_weak" : null;
}
