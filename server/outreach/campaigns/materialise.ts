// Launch takes a snapshot of the audience: one campaign_recipients row per unique number, written
// by a single INSERT … SELECT in PostgreSQL (no rows through Node, no 32,767-parameter chunks).
// Numbers that must not receive the campaign are written too, as 'skipped' with their reason, so
// the counts explain every number of the audience. The worker checks again right before sending.
//
// Built for a million recipients (issue 16: at most 2 × COPY of as many rows): the reasons come from
// hash joins against the lists of numbers (SKIP_JOINS), not a subquery per contact; a number is a
// contact (contacts.phone is unique), so the audience is de-duplicated as a semi-join on contact ids
// instead of sorting every number; and the sort into contact order (the order dispatch walks) is done
// in memory.

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

/**
 * The lists a contact `c` is looked up in for skipReasonSql, joined on the number: each is keyed by
 * phone (one row or none per number), so the joins never multiply the audience, and over a million
 * contacts they are hash joins, not a probe per contact. A new list of numbers that must not receive
 * campaigns is one more LEFT JOIN here and one more WHEN in skipReasonSql.
 */
export const SKIP_JOINS = Prisma.sql`
    LEFT JOIN dnc_numbers d ON d.phone = c.phone
    LEFT JOIN suppressions s ON s.phone = c.phone`;

/**
 * The reason a contact is written as skipped, or NULL: the same order as the policy's own checks.
 * Reads `c` (contacts) and the lists joined by SKIP_JOINS, which every query using it must include.
 */
export function skipReasonSql(policy: Pick<SmsPolicy, "requireConsent">): Prisma.Sql {
  return Prisma.sql`CASE
    WHEN c.phone !~ ${VIETNAMESE_NUMBER_PATTERN} THEN 'invalid_number'
    WHEN c.phone !~ ${VIETNAMESE_MOBILE_PATTERN} THEN 'not_mobile'
    WHEN c.consent_status = 'refused' THEN 'refused'
    WHEN d.phone IS NOT NULL THEN 'dnc'
    WHEN s.phone IS NOT NULL THEN 'suppressed'
    WHEN ${erasedSql(Prisma.sql`c.phone`)} THEN 'suppressed'
    ${policy.requireConsent ? Prisma.sql`WHEN c.consent_status <> 'granted' THEN 'no_consent'` : Prisma.empty}
    ELSE NULL END`;
}

/**
 * Memory for the launch transaction's sorts and hashes (the snapshot's contact order, the approval
 * fingerprint's sorted numbers): at the default 4 MB a million numbers spill to disk.
 */
const LAUNCH_WORK_MEM = "256MB";

/**
 * Writes the snapshot; returns how many recipients were added (0 the second time: ON CONFLICT). Runs
 * inside the launch transaction (service.ts), whose work_mem it raises for the rest of it.
 */
export async function materialise(db: Db, campaignId: number, audience: Audience, policy: SmsPolicy, now: Date): Promise<number> {
  const rows = await audienceRowsSql(db, audience);
  const reason = skipReasonSql(policy);
  await db.$executeRawUnsafe(`SET LOCAL work_mem = '${LAUNCH_WORK_MEM}'`);
  // One row per contact (a contact in two lists or segments is one number): a semi-join on ids.
  return db.$executeRaw`
    INSERT INTO campaign_recipients (campaign_id, contact_id, phone, status, skip_reason, updated_at)
    SELECT ${campaignId}, c.id, c.phone,
      (CASE WHEN r.reason IS NULL THEN 'pending' ELSE 'skipped' END)::"RecipientStatus", r.reason, ${now}
    FROM contacts c
    ${SKIP_JOINS}
    CROSS JOIN LATERAL (SELECT ${reason} AS reason) r
    WHERE c.id IN (SELECT a.contact_id FROM (${rows}) a)
    ORDER BY c.id
    ON CONFLICT (campaign_id, phone) DO NOTHING`;
}
