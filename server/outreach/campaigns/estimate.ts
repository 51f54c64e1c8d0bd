// The pre-launch check: who the audience really is after de-duplication and suppression, what the
// message costs, and each compliance rule the worker will enforce before every send.

import type { Campaign } from "../../generated/prisma/client.js";
import { countSegments } from "../../messaging/segments.js";
import type { Db } from "../../platform/db/client.js";
import { isInWindow, validBrandname } from "../compliance/policy.js";
import { loadPolicy } from "../compliance/settings.js";
import { PLACEHOLDER_CODE } from "../links/codes.js";
import { withPlaceholderLinks } from "../links/urls.js";
import { composeMessage, renderTemplate } from "../templates/template.js";
import { audienceRowsSql, parseAudience, SKIP_JOINS, skipReasonSql } from "./materialise.js";
import { policyBlocker } from "./policy-ready.js";

export async function estimateCampaign(
  db: Db,
  campaign: Omit<Campaign, "searchKey">,
  now: Date,
  links?: { hosts: readonly string[]; publicBaseUrl: string },
) {
  const sender = await db.smsSender.findUniqueOrThrow({ where: { id: campaign.senderId } });
  const policy = await loadPolicy(db);
  const rows = await audienceRowsSql(db, parseAudience(campaign.audience));
  // Grouped by the very reasons the launch records (skipReasonSql), so the review and the results
  // name the same people the same way.
  const groups = await db.$queryRaw<{ reason: string | null; count: number; audience: number }[]>`
    WITH a AS (${rows}),
    u AS (SELECT DISTINCT ON (c.phone) c.phone, ${skipReasonSql(policy)} AS reason FROM a JOIN contacts c ON c.id = a.contact_id ${SKIP_JOINS} ORDER BY c.phone, c.id)
    SELECT reason, count(*)::int AS count, (SELECT count(*) FROM a)::int AS audience FROM u GROUP BY reason`;
  const audience = groups[0]?.audience ?? 0;
  const sendable = groups.find((g) => g.reason === null)?.count ?? 0;
  const skippedByReason = Object.fromEntries(groups.flatMap((g) => (g.reason === null ? [] : [[g.reason, g.count]])));
  const unique = groups.reduce((sum, g) => sum + g.count, 0);
  const skipped = (...reasons: string[]) => reasons.reduce((sum, reason) => sum + (skippedByReason[reason] ?? 0), 0);
  // Variables are filled per recipient; the estimate measures the message with them empty.
  // Portal links are sent as short links: counted at their length, not the long URL's.
  const body = links ? withPlaceholderLinks(campaign.body, links.hosts, links.publicBaseUrl, PLACEHOLDER_CODE) : campaign.body;
  const text = composeMessage(renderTemplate(body, {}).text, policy, { unaccented: campaign.unaccented });
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
    { rule: "dnc", ok: true, message: `${skipped("dnc")} numbers on the Do-Not-Call list will be skipped` },
    {
      rule: "valid_numbers",
      ok: skipped("invalid_number", "not_mobile") === 0,
      message: `${skipped("invalid_number", "not_mobile")} invalid or non-mobile numbers will be skipped`,
    },
    { rule: "audience", ok: sendable > 0, message: `${sendable} numbers can receive the campaign` },
  ];
  return {
    audience,
    duplicates: audience - unique,
    skippedByReason,
    sendable,
    encoding: seg.encoding,
    segments: seg.segments,
    costVnd: sendable * seg.segments * sender.pricePerSegment,
    compliance,
  };
}
