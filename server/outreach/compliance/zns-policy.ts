// Zalo's own rules for ZNS (Zalo Notification Service) as a pure function, like Decree 91's in
// policy.ts: (now, the template's tag, what went to this number) → send | defer until | skip because.
// The campaign worker asks right before each ZNS, after the Decree 91 decision (consent, opt-outs,
// DNC, window), which applies to ZNS exactly as to SMS.
//
// Source: Zalo's ZNS policy and template rules (zalo.cloud/zns, "Quy định về nội dung ZNS" and the
// template tags; not readable from here, so the values below are ASSUMED from that page as last read
// and are configurable, ZNS_POLICY in server/config.ts):
//  - every template carries a tag: 1 transaction (tied to a transaction of the user), 2 customer care,
//    3 promotion. A province's outreach is customer care or promotion; a "transaction" tag would
//    misrepresent it, so only tags 2 and 3 are allowed by default;
//  - promotion (tag 3) may only go out 06:00–22:00 and at most once a day to a user from an OA;
//    customer care has no hour limit of Zalo's own (Decree 91's window still applies to campaigns).
import { parseTimeOfDay } from "../../clock/time-of-day.js";
import { addDays, vietnamClock, vietnamInstant } from "../../clock/vietnam-time.js";

export type ZnsTag = "1" | "2" | "3";

export interface ZnsTagRule {
  /** "HH:MM"–"HH:MM" Vietnam time; absent: any hour. */
  windowStart?: string;
  windowEnd?: string;
  /** ZNS of this tag a number may get in 24 hours; absent: no limit of Zalo's. */
  maxPerDay?: number;
}

export interface ZnsPolicy {
  allowedTags: ZnsTag[];
  rules: Partial<Record<ZnsTag, ZnsTagRule>>;
}

export const DEFAULT_ZNS_POLICY: ZnsPolicy = Object.freeze({
  allowedTags: ["2", "3"],
  rules: { "3": { windowStart: "06:00", windowEnd: "22:00", maxPerDay: 1 } },
}) as ZnsPolicy;

export interface ZnsFacts {
  /** The campaign's template tag. */
  tag: string;
  /** When ZNS of the same tag went to this number in the last 24 hours (not failed ones). */
  sentInLast24h: Date[];
}

export type ZnsDecision =
  | { action: "send" }
  | { action: "defer"; until: Date; reason: "zns_outside_window" | "zns_daily_limit" }
  | { action: "skip"; reason: "zns_tag_not_allowed" };

const DAY_MS = 24 * 3_600_000;

function bounds(rule: ZnsTagRule): { start: number; end: number } | null {
  if (rule.windowStart === undefined || rule.windowEnd === undefined) return null;
  const start = parseTimeOfDay(rule.windowStart);
  const end = parseTimeOfDay(rule.windowEnd);
  if (start === null || end === null || !(start < end))
    throw new RangeError(`ZNS window ${rule.windowStart}–${rule.windowEnd} is not a window`);
  return { start, end };
}

/** The earliest moment at or after `at` inside the rule's hours. */
function nextOpening(at: Date, rule: ZnsTagRule): Date {
  const b = bounds(rule);
  if (!b) return at;
  const { date, minutes } = vietnamClock(at);
  if (minutes < b.start) return vietnamInstant(date, b.start);
  if (minutes < b.end) return at;
  return vietnamInstant(addDays(date, 1), b.start);
}

export function decideZns(now: Date, facts: ZnsFacts, policy: ZnsPolicy): ZnsDecision {
  if (!(policy.allowedTags as string[]).includes(facts.tag)) return { action: "skip", reason: "zns_tag_not_allowed" };
  const rule = policy.rules[facts.tag as ZnsTag] ?? {};
  const t = now.getTime();
  if (rule.maxPerDay !== undefined) {
    const recent = facts.sentInLast24h
      .map((d) => d.getTime())
      .filter((ms) => !Number.isNaN(ms) && ms + DAY_MS > t)
      .sort((a, b) => a - b);
    if (recent.length >= rule.maxPerDay) {
      const frees = new Date((recent[recent.length - rule.maxPerDay] as number) + DAY_MS);
      return { action: "defer", until: nextOpening(frees, rule), reason: "zns_daily_limit" };
    }
  }
  const open = nextOpening(now, rule);
  if (open.getTime() > t) return { action: "defer", until: open, reason: "zns_outside_window" };
  return { action: "send" };
}

/** A policy read from configuration, or the reason it is not one. */
export function parseZnsPolicy(json: string): ZnsPolicy {
  const value = JSON.parse(json) as ZnsPolicy;
  const tags = ["1", "2", "3"];
  if (!Array.isArray(value.allowedTags) || !value.allowedTags.every((t) => tags.includes(t)))
    throw new Error("ZNS_POLICY.allowedTags: tags 1, 2, 3");
  for (const [tag, rule] of Object.entries(value.rules ?? {})) {
    if (!tags.includes(tag)) throw new Error(`ZNS_POLICY.rules: unknown tag ${tag}`);
    bounds(rule as ZnsTagRule);
    const max = (rule as ZnsTagRule).maxPerDay;
    if (max !== undefined && (!Number.isInteger(max) || max < 0)) throw new Error(`ZNS_POLICY.rules.${tag}.maxPerDay: a whole number`);
  }
  return { allowedTags: value.allowedTags, rules: value.rules ?? {} };
}
