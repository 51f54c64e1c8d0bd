// The pure core of retention: from the periods and the moment of the run, the cutoff of each kind.
// A record older than its kind's cutoff goes (for campaign recipients: their campaign ended before it).
import { RETENTION_KINDS, type RetentionKind, type RetentionSettings } from "../../contract/privacy/retention.js";

const DAY_MS = 24 * 3600 * 1000;

export interface PlannedKind {
  kind: RetentionKind;
  days: number;
  cutoff: Date;
}

/** Every kind in the order the run removes them (a call's parts before the call itself). */
export function planRetention(settings: RetentionSettings, now: Date): PlannedKind[] {
  return RETENTION_KINDS.map((rule) => {
    const days = settings[rule.field];
    return { kind: rule.kind, days, cutoff: new Date(now.getTime() - days * DAY_MS) };
  });
}

export type Cutoffs = Record<RetentionKind, Date>;

export function cutoffsOf(plan: PlannedKind[]): Cutoffs {
  return Object.fromEntries(plan.map((planned) => [planned.kind, planned.cutoff])) as Cutoffs;
}
