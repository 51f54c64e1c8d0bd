// The campaign's message as one recipient will read it: the first contact of its audience the launch
// would send to (or any of it, or no one), its variables filled as the dispatcher fills them, with the
// label in front, the opt-out text last, unaccented when asked, and its encoding and parts. The
// approver reads this before approving; the test send sends exactly this.
import type { Campaign } from "../../generated/prisma/client.js";
import { countSegments, type SegmentCount } from "../../messaging/segments.js";
import type { Db } from "../../platform/db/client.js";
import { loadPolicy } from "../compliance/settings.js";
import { PLACEHOLDER_CODE } from "../links/codes.js";
import { replaceTrackableUrls, shortLinkUrl } from "../links/urls.js";
import { composeMessage, renderTemplate } from "../templates/template.js";
import { fillZnsParams, renderZnsPreview, znsParams } from "../zns/fill.js";
import { audienceRowsSql, parseAudience, SKIP_JOINS, skipReasonSql } from "./materialise.js";
import { sourcesOf } from "./records.js";
import { contactVariables } from "./variables.js";

export interface SampleMessage extends SegmentCount {
  text: string;
  /** Variables the sample contact has no value for: they render empty. */
  missing: string[];
  /** Whose values filled the variables; null when the audience is empty. */
  contact: { id: number; name: string | null; phone: string } | null;
  /** For a Zalo ZNS campaign: the template filled for the same contact (what Zalo shows); null for SMS. */
  zns: { text: string; params: Record<string, string> } | null;
}

/**
 * With `links`, portal links read as the short links the dispatcher sends: the campaign's own once it
 * has made them, a stand-in of the same length before (so characters and parts are what is sent).
 */
export async function sampleMessage(
  db: Db,
  campaign: Pick<Campaign, "id" | "body" | "unaccented" | "audience" | "channel" | "znsTemplateId" | "znsParams">,
  links?: { hosts: readonly string[]; publicBaseUrl: string },
): Promise<SampleMessage> {
  const policy = await loadPolicy(db);
  const rows = await audienceRowsSql(db, parseAudience(campaign.audience));
  // Someone who will receive it if there is one: a skipped contact may lack what a recipient has.
  const [contact] = await db.$queryRaw<{ id: number; name: string | null; phone: string; attributes: unknown }[]>`
    SELECT c.id, c.name, c.phone, c.attributes FROM (${rows}) a JOIN contacts c ON c.id = a.contact_id ${SKIP_JOINS}
    ORDER BY (${skipReasonSql(policy)}) IS NULL DESC, c.id LIMIT 1`;
  let body = campaign.body;
  if (links) {
    const made = await db.trackedLink.findMany({ where: { campaignId: campaign.id }, select: { url: true, code: true } });
    const codes = new Map(made.map((link) => [link.url, link.code]));
    body = replaceTrackableUrls(body, links.hosts, (url) => shortLinkUrl(links.publicBaseUrl, codes.get(url) ?? PLACEHOLDER_CODE));
  }
  const vars = contact ? contactVariables(contact) : {};
  const rendered = renderTemplate(body, vars);
  const text = composeMessage(rendered.text, policy, { unaccented: campaign.unaccented });
  return {
    text,
    ...countSegments(text),
    missing: rendered.missing,
    contact: contact ? { id: contact.id, name: contact.name, phone: contact.phone } : null,
    zns: await znsSample(db, campaign, vars),
  };
}

/** The ZNS as the worker fills it (zns-send.ts): the campaign's mapping over the template's sources; no samples. */
async function znsSample(
  db: Db,
  campaign: Pick<Campaign, "channel" | "znsTemplateId" | "znsParams">,
  vars: Record<string, string | null | undefined>,
): Promise<SampleMessage["zns"]> {
  if (campaign.channel !== "zns_sms_fallback" || campaign.znsTemplateId === null) return null;
  const template = await db.znsTemplate.findUnique({ where: { id: campaign.znsTemplateId } });
  if (!template) return null;
  const params = fillZnsParams(znsParams(template.params), vars, sourcesOf(campaign.znsParams));
  return { text: renderZnsPreview(template.preview, params), params };
}
