// Withdrawal of consent (Law 91/2025 art. 12), or an objection to advertising: immediate and
// synchronous. The number is suppressed (the campaign engine's send-time check refuses it from the
// next send on) and the contact's consent becomes refused, with the evidence of the withdrawal.
import { suppress } from "../outreach/consent/opt-outs/suppress.js";
import type { Db } from "../platform/db/client.js";
import { requestPhone } from "./phone.js";

export interface WithdrawalEvidence {
  /** How the citizen withdrew ("Gọi tổng đài", "Đơn giấy"…). */
  method: string;
  /** Where it is recorded: the request's reference ("YC-2026-0001"). */
  reference: string;
  /** When the citizen withdrew (default: now). */
  at?: Date;
}

export interface WithdrawalResult {
  phone: string;
  /** False when the number was already suppressed (the evidence is still recorded on the contact). */
  suppressed: boolean;
  /** Contacts whose consent became refused (0 or 1). */
  contacts: number;
}

export async function withdrawConsent(db: Db, anyFormPhone: string, evidence: WithdrawalEvidence): Promise<WithdrawalResult> {
  const phone = requestPhone(anyFormPhone);
  const at = evidence.at ?? new Date();
  // "console": an officer records it on the citizen's behalf; no confirmation SMS (the citizen asked for silence).
  const { created } = await suppress(db, phone, "console", `withdrawal ${evidence.reference}`.slice(0, 500), at);
  const updated = await db.contact.updateMany({
    where: { phone },
    data: {
      consentStatus: "refused",
      consentSource: `withdrawal:${evidence.reference}`.slice(0, 200),
      consentAt: at,
      consentMethod: evidence.method.slice(0, 200),
    },
  });
  return { phone, suppressed: created, contacts: updated.count };
}
