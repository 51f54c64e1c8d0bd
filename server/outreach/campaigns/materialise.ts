// Launch takes a snapshot of the audience: one campaign_recipients row per unique number, written
// by a single INSERT … SELECT in PostgreSQL (no rows through Node, no 32,767-parameter chunks).
// Numbers that must not receive the campaign are written too, as 'skipped' with their reason, so
// the counts explain every number of the audience. The worker checks again right before sending.

import { Prisma } from "../../generated/prisma/client.js";
import { VIETNAMESE_MOBILE_PATTERN, VIETNAMESE_NUMBER_PATTERN } from "../../phone/vietnamese-e164.js";
import type { Db } from "../../platform/db/client.js";
import type { SmsPolicy } from "../compliance/policy.js";
import { erasedSql } from "../consent/erased/erased.js";
import { segmentContactsSql } from "./segment-audience.js";

export interface Audience {
  listIds: number[];
  segmentIds: number[];
}

export function parseAudience(value: unknown): Audience {
  const v = (value ?? {}) as Partial<Audience>;
  const ids = (x: unknown) => (Array.isArray(x) ? x.filter((n): n is number => Number.isInteger(n) && n > 0) : []);
  return { listIds: ids(v.listIds), segmentIds: ids(v.segmentIds) };
}

/** SELECT contact_id, phone of every contact in the audience (duplicates across lists possible). */
export async function audienceRowsSql(db: Db, audience: Audience): Promise<Prisma.Sql> {
  const parts: Prisma.Sql[] = [];
  if (audience.listIds.length > 0) {
    parts.push(Prisma.sql`SELECT m.contact_id FROM contact_list_members m WHERE m.list_id IN (${Prisma.join(audience.listIds)})`);
  }
  if (audience.segmentIds.length > 0) {
    parts.push(await segmentContactsSql(db, audience.segmentIds));
  }
  if (parts.length === 0) return Prisma.sql`SELECT NULL::int AS contact_id WHERE false`;
  return Prisma.join(parts, " UNION ALL ");
}

/** The reason a contact is written as skipped, or NULL: the same order as the policy's own checks. */
export function skipReasonSql(policy: Pick<SmsPolicy, "requireConsent">): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN c.phone !~ ${VIETNAMESE_NUMBER_PATTERN} THEN 'invalid_number'
    WHEN c.phone !~ ${VIETNAMESE_MOBILE_PATTERN} THEN 'not_mobile'
    WHEN c.consent_status = 'refused' THEN 'refused'
    WHEN EXISTS (SELECT 1 FROM dnc_numbers d WHERE d.phone = c.phone) THEN 'dnc'
    WHEN EXISTS (SELECT 1 FROM suppressions s WHERE s.phone = c.phone) THEN 'suppressed'
    WHEN ${erasedSql(Prisma.sql`c.phone`)} THEN 'suppressed'
    ${policy.requireConsent ? Prisma.sql`WHEN c.consent_status <> 'granted' THEN 'no_consent'` : Prisma.empty}
    ELSE NULL END`;
}

/** Writes the snapshot; returns how many recipients were added (0 the second time: ON CONFLICT). */
export async function materialise(db: Db, campaignId: number, audience: Audience, policy: SmsPolicy, now: Date): Promise<number> {
  const rows = await audienceRowsSql(db, audience);
  const reason = skipReasonSql(policy);
  return db.$executeRaw`
    INSERT INTO campaign_recipients (campaign_id, contact_id, phone, status, skip_reason, updated_at)
    SELECT ${campaignId}, x.id, x.phone,
      (CASE WHEN x.reason IS NULL THEN 'pending' ELSE 'skipped' END)::"RecipientStatus", x.reason, ${now}
    FROM (
      SELECT DISTINCT ON (c.phone) c.id, c.phone, ${reason} AS reason
      FROM (${rows}) a JOIN contacts c ON c.id = a.contact_id
      ORDER BY c.phone, c.id
    ) x
    ORDER BY x.id
    ON CONFLICT (campaign_id, phone) DO NOTHING`;
}
