// The advertising-SMS rules of Decree 91/2020/NĐ-CP as a pure function: (now, what we know about the
// recipient, the policy, the brandname) → send | defer until | skip because. The dispatch worker asks
// right before every send and the console runs the same checks before launch; nothing here reads
// the clock or the database, so every rule is tested at exact instants.
import { parseTimeOfDay } from "../../clock/time-of-day.js";
import { addDays, vietnamClock, vietnamInstant } from "../../clock/vietnam-time.js";

import type { SmsPolicy } from "../../contract/outreach/sms-policy.js";

/** The policy's fields, as the console edits them (server/contract/outreach/sms-policy.ts). */
export type { SmsPolicy };

/** The lawful defaults: 07:00–22:00, three a day, consent required, [QC] and an opt-out line. */
export const DEFAULT_POLICY: SmsPolicy = Object.freeze({
  windowStart: "07:00",
  windowEnd: "22:00",
  maxPerDay: 3,
  requireConsent: true,
  label: "[QC]",
  optOutText: "Tu choi QC soan TC gui 8xxx",
});

export interface RecipientFacts {
  consent: "unknown" | "granted" | "refused";
  /** On one of our suppression lists (opted out, bounced, asked to be forgotten…). */
  suppressed: boolean;
  /** On the national Do-Not-Call list. */
  dnc: boolean;
  /** When advertising SMS went to this number in the last 24 hours, from every campaign. */
  sentInLast24h: Date[];
  /** A mobile number (landlines cannot receive SMS). */
  mobile: boolean;
}

export type DeferReason = "outside_window" | "daily_cap";
export type SkipReason = "suppressed" | "dnc" | "no_consent" | "refused" | "not_mobile" | "invalid_brandname";

export type Decision = { action: "send" } | { action: "defer"; until: Date; reason: DeferReason } | { action: "skip"; reason: SkipReason };

const DAY_MS = 24 * 3_600_000;

/** The window in minutes after Vietnam midnight; a policy that skipped validation fails loudly here. */
function windowBounds(policy: SmsPolicy): { start: number; end: number } {
  const start = parseTimeOfDay(policy.windowStart);
  const end = parseTimeOfDay(policy.windowEnd);
  if (start === null || end === null || !(start < end)) {
    throw new RangeError(`sending window ${policy.windowStart}–${policy.windowEnd} is not a window within one day`);
  }
  return { start, end };
}

export function isInWindow(now: Date, policy: SmsPolicy): boolean {
  const { start, end } = windowBounds(policy);
  const { minutes } = vietnamClock(now);
  return minutes >= start && minutes < end;
}

/** The earliest moment at or after `now` when the window is open: `now` itself while it is open. */
export function nextWindowOpening(now: Date, policy: SmsPolicy): Date {
  const { start, end } = windowBounds(policy);
  const { date, minutes } = vietnamClock(now);
  if (minutes < start) return vietnamInstant(date, start);
  if (minutes < end) return new Date(now.getTime());
  return vietnamInstant(addDays(date, 1), start);
}

/** When today's window closes, while it is open (a message must not arrive later: Twilio ValidityPeriod); else null. */
export function windowClosesAt(now: Date, policy: SmsPolicy): Date | null {
  if (!isInWindow(now, policy)) return null;
  const { end } = windowBounds(policy);
  return vietnamInstant(vietnamClock(now).date, end);
}

const BRANDNAME = /^[A-Za-z0-9._ -]{1,11}$/;

/**
 * A brandname (tên định danh) as carriers register it: at most 11 characters of Latin letters,
 * digits, "-", "_", "." and space, not only digits (it would read as a phone number). We also ask for
 * at least one letter and no space at either end, which every registered brandname satisfies.
 */
export function validBrandname(name: string): boolean {
  return BRANDNAME.test(name) && /[A-Za-z]/.test(name) && name.trim() === name;
}

/** When the number may receive its next advertising message under the daily cap (`now` if it may already). */
export function dailyCapFreesAt(now: Date, sentInLast24h: readonly Date[], maxPerDay: number): Date {
  const t = now.getTime();
  // A send exactly 24 hours ago no longer counts; clock skew may put a send slightly in the future.
  const recent = sentInLast24h
    .map((d) => d.getTime())
    .filter((ms) => !Number.isNaN(ms) && ms + DAY_MS > t)
    .sort((a, b) => a - b);
  if (recent.length < maxPerDay) return new Date(t);
  // Once the (k-N+1)-th oldest send ages out, only N-1 remain in the window.
  const freeing = recent[recent.length - maxPerDay] as number;
  return new Date(freeing + DAY_MS);
}

/** Why this recipient must never get this message, or null. Checked first: a skip beats any deferral. */
function skipReason(facts: RecipientFacts, policy: SmsPolicy, brandname: string): SkipReason | null {
  if (!validBrandname(brandname)) return "invalid_brandname";
  if (!facts.mobile) return "not_mobile";
  // An explicit refusal stops all sending at once, whatever the policy says about consent.
  if (facts.consent === "refused") return "refused";
  if (facts.dnc) return "dnc";
  if (facts.suppressed) return "suppressed";
  if (policy.requireConsent && facts.consent !== "granted") return "no_consent";
  return null;
}

export function decide(now: Date, facts: RecipientFacts, policy: SmsPolicy, brandname: string): Decision {
  const skip = skipReason(facts, policy, brandname);
  if (skip) return { action: "skip", reason: skip };
  const capFree = dailyCapFreesAt(now, facts.sentInLast24h, policy.maxPerDay);
  if (capFree.getTime() > now.getTime()) {
    return { action: "defer", until: nextWindowOpening(capFree, policy), reason: "daily_cap" };
  }
  if (!isInWindow(now, policy)) return { action: "defer", until: nextWindowOpening(now, policy), reason: "outside_window" };
  return { action: "send" };
}

/**
 * The placeholder left in an opt-out text ("8xxx", "19xx", "xxxx"): digits written as x, so the number
 * citizens text to refuse is not set yet and a message carrying it would tell them nothing usable.
 * Returns the placeholder as written, or null when the text names a real number.
 */
export function optOutPlaceholder(optOutText: string): string | null {
  for (const token of optOutText.split(/[^0-9A-Za-z]+/)) {
    if (/^[0-9]*[xX][0-9xX]*$/.test(token) && (/[0-9]/.test(token) || token.length >= 3)) return token;
  }
  return null;
}

/** A field of a policy that breaks the rules the admin API enforces, with its reason, or null. */
export function policyProblem(policy: SmsPolicy): { field: keyof SmsPolicy; reason: "format" | "window_order" | "invalid" } | null {
  const start = parseTimeOfDay(policy.windowStart);
  const end = parseTimeOfDay(policy.windowEnd);
  if (start === null) return { field: "windowStart", reason: "format" };
  if (end === null) return { field: "windowEnd", reason: "format" };
  if (!(start < end)) return { field: "windowEnd", reason: "window_order" };
  if (!Number.isInteger(policy.maxPerDay) || policy.maxPerDay < 1 || policy.maxPerDay > 10)
    return { field: "maxPerDay", reason: "invalid" };
  if (typeof policy.requireConsent !== "boolean") return { field: "requireConsent", reason: "invalid" };
  if (typeof policy.label !== "string" || policy.label.trim() === "") return { field: "label", reason: "invalid" };
  if (typeof policy.optOutText !== "string" || policy.optOutText.trim() === "") return { field: "optOutText", reason: "invalid" };
  return null;
}
