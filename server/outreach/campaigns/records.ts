// A campaign as the console reads it (its authors' names, its approval and audience parsed, its
// recipients counted) and as the audit log keeps it; shared by the campaign's route modules.
import type { CAMPAIGN_CHANNELS } from "../../contract/outreach/campaigns.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { notFound } from "../../platform/http/errors.js";
import { parseApproval, shownApproval } from "./approval.js";
import { countsOf, emptyCounts } from "./counts.js";
import { parseAudience } from "./materialise.js";

type CampaignChannel = (typeof CAMPAIGN_CHANNELS)[number];

export const withPeople = { createdBy: { select: { name: true } }, approvedBy: { select: { name: true } } } as const;
type CampaignRow = Prisma.CampaignGetPayload<{ include: typeof withPeople; omit: { searchKey: true } }>;

/** What the audit log keeps of a campaign: what it sends, to whom, when and who approved it. */
export const auditable = (c: Prisma.CampaignGetPayload<{ omit: { searchKey: true } }>) => {
  const { id, name, status, templateId, body, unaccented, senderId, audience, scheduledAt, approvedById, pausedReason } = c;
  const { channel, znsTemplateId, znsParams } = c;
  return {
    id,
    name,
    status,
    templateId,
    body,
    unaccented,
    senderId,
    audience,
    channel,
    znsTemplateId,
    znsParams,
    scheduledAt,
    approvedById,
    pausedReason,
  };
};

/** The stored mapping, strings only (the JSON column accepts anything). */
export function sourcesOf(json: unknown): Record<string, string> {
  if (!json || typeof json !== "object" || Array.isArray(json)) return {};
  return Object.fromEntries(Object.entries(json).filter((e): e is [string, string] => typeof e[1] === "string"));
}

export async function loadCampaign(db: Db, id: number): Promise<CampaignRow> {
  const campaign = await db.campaign.findUnique({ where: { id }, include: withPeople });
  if (!campaign) throw notFound("No such campaign");
  return campaign;
}

export async function presentCampaigns(db: Db, rows: CampaignRow[]) {
  const counts = await countsOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map(({ createdBy, approvedBy, checkpoint: _checkpoint, ...c }) => ({
    ...c,
    approval: shownApproval(parseApproval(c.approval)),
    audience: parseAudience(c.audience),
    channel: (c.channel === "zns_sms_fallback" ? "zns_sms_fallback" : "sms") as CampaignChannel,
    znsParams: sourcesOf(c.znsParams),
    createdByName: createdBy.name,
    approvedByName: approvedBy?.name ?? null,
    counts: counts.get(c.id) ?? emptyCounts(),
  }));
}

/** One campaign as the console reads it; 404 when there is none. */
export const presentCampaign = async (db: Db, id: number) => (await presentCampaigns(db, [await loadCampaign(db, id)]))[0];
