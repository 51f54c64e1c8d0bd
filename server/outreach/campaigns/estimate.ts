// The pre-launch check: who the audience really is after de-duplication and suppression, what the
// message costs, and each compliance rule the worker will enforce before every send.

import type { Campaign } from "../../generated/prisma/client.js";
import { countSegments } from "../../messaging/segments.js";
import type { Db } from "../../platform/db/client.js";
import { isInWindow, validBrandname } from "../compliance/policy.js";
import { loadPolicy } from "../compliance/settings.js";
import { composeMessage, renderTemplate } from "../templates/template.js";
import { audienceRowsSql, parseAudience, skipReasonSql } from "./materialise.js";
import { policyBlocker } from "./policy-ready.js";

export async function estimateCampaign(db: Db, campaign: Campaign, now: Date) {
  const sender = await db.smsSender.findUniqueOrThrow({ where: { id: campaign.senderId } });
  const policy = await loadPolicy(db);
  const rows = await audienceRowsSql(db, parseAudience(campaign.audience));
  const [stats] = await db.$queryRaw<
    { audience: number; uniq: number; suppressed: number; dnc: number; no_consent: number; sendable: number; invalid: number }[]
  >`
    WITH a AS (${rows}),
    u AS (SELECT DISTINCT ON (c.phone) c.phone, ${skipReasonSql(policy)} AS reason FROM a JOIN contacts c ON c.id = a.contact_id ORDER BY c.phone, c.id)
    SELECT (SELECT count(*) FROM a)::int AS audience, count(*)::int AS uniq,
      count(*) FILTER (WHERE reason = 'suppressed')::int AS suppressed, count(*) FILTER (WHERE reason = 'dnc')::int AS dnc,
      count(*) FILTER (WHERE reason IN ('no_consent', 'refused'))::int AS no_consent,
      count(*) FILTER (WHERE reason IN ('invalid_number', 'not_mobile'))::int AS invalid,
      count(*) FILTER (WHERE reason IS NULL)::int AS sendable
    FROM u`;
  const s = stats as NonNullable<typeof stats>;
  // Variables are filled per recipient; the estimate measures the message with them empty.
  const text = composeMessage(renderTemplate(campaign.body, {}).text, policy, { unaccented: campaign.unaccented });
  const seg = countSegments(text);
  const blocker = policyBlocker(policy);
  const compliance = [
    {
      rule: "brandname",
      ok: validBrandname(sender.brandname),
      message: `Brandname "${sender.brandname}": at most 11 Latin letters, digits, - _ . or space`,
    },
    { rule: "sender_active", ok: sender.active, message: sender.active ? "The sender is active" : "The sender is deactivated" },
    { rule: "label", ok: text.startsWith(policy.label.trim()), message: `Every advertising SMS starts with ${policy.label}` },
    { rule: "opt_out", ok: text.endsWith(policy.optOutText.trim()), message: "Opt-out instructions at the end of the message" },
    {
      rule: "opt_out_number",
      ok: blocker === null,
      message: blocker ?? "The opt-out text names the real number citizens text to refuse",
    },
    {
      rule: "window",
      ok: isInWindow(now, policy),
      message: `Sending only ${policy.windowStart}–${policy.windowEnd} (Asia/Ho_Chi_Minh); outside it messages wait for the next opening`,
    },
    {
      rule: "daily_cap",
      ok: true,
      message: `At most ${policy.maxPerDay} advertising SMS per number per 24 hours across campaigns, checked before each send`,
    },
    {
      rule: "consent",
      ok: policy.requireConsent,
      message: policy.requireConsent ? "Only numbers with recorded consent" : "Consent is not required by the current policy",
    },
    { rule: "dnc", ok: true, message: `${s.dnc} numbers on the Do-Not-Call list will be skipped` },
    { rule: "valid_numbers", ok: s.invalid === 0, message: `${s.invalid} invalid or non-mobile numbers will be skipped` },
    { rule: "audience", ok: s.sendable > 0, message: `${s.sendable} numbers can receive the campaign` },
  ];
  return {
    audience: s.audience,
    duplicates: s.audience - s.uniq,
    suppressed: s.suppressed,
    dnc: s.dnc,
    noConsent: s.no_consent,
    sendable: s.sendable,
    encoding: seg.encoding,
    segments: seg.segments,
    costVnd: s.sendable * seg.segments * sender.pricePerSegment,
    compliance,
  };
}
