// What campaigns use from the neighbouring domains (compliance policy, templates, segments count,
// audiences, suppressions), behind one small surface so the dispatcher can be driven with a fake clock.

import { countSegments } from "../../messaging/segments.js";
import type { Db } from "../../platform/db/client.js";
import { decide, type RecipientFacts, type SmsPolicy, windowClosesAt } from "../compliance/policy.js";
import { loadPolicy } from "../compliance/settings.js";
import { suppress } from "../consent/opt-outs/suppress.js";
import { composeMessage, renderTemplate } from "../templates/template.js";

export interface ComplianceGate {
  policy: SmsPolicy;
  decide(now: Date, facts: RecipientFacts, brandname: string): ReturnType<typeof decide>;
  windowClosesAt(now: Date): Date | null;
  /** The message as sent: variables filled, label first, opt-out last, unaccented when asked. */
  compose(body: string, vars: Record<string, string | null | undefined>, unaccented: boolean): string;
  segments(text: string): number;
}

export function complianceGate(policy: SmsPolicy): ComplianceGate {
  return {
    policy,
    decide: (now, facts, brandname) => decide(now, facts, policy, brandname),
    windowClosesAt: (now) => windowClosesAt(now, policy),
    compose: (body, vars, unaccented) => composeMessage(renderTemplate(body, vars).text, policy, { unaccented }),
    segments: (text) => countSegments(text).segments,
  };
}

/** The policy as stored now: read once per batch, so an admin's change applies within one batch. */
export async function loadGate(db: Db): Promise<ComplianceGate> {
  return complianceGate(await loadPolicy(db));
}

/** The vendor says the citizen unsubscribed at the carrier; the suppression domain records it (idempotent). */
export async function suppressNumber(db: Db, phone: string, source: "provider", detail: string): Promise<void> {
  await suppress(db, phone, source, detail);
}
