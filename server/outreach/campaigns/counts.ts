// Honest counts: straight from the recipients' statuses, one GROUP BY for any number of campaigns.

import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";

export interface CampaignCounts {
  total: number;
  pending: number;
  sending: number;
  sent: number;
  delivered: number;
  failed: number;
  skipped: number;
  skippedByReason: Record<string, number>;
}

export const emptyCounts = (): CampaignCounts => ({
  total: 0,
  pending: 0,
  sending: 0,
  sent: 0,
  delivered: 0,
  failed: 0,
  skipped: 0,
  skippedByReason: {},
});

export async function countsOf(db: Db, campaignIds: number[]): Promise<Map<number, CampaignCounts>> {
  const result = new Map<number, CampaignCounts>(campaignIds.map((id) => [id, emptyCounts()]));
  if (campaignIds.length === 0) return result;
  const rows = await db.$queryRaw<{ campaign_id: number; status: keyof CampaignCounts; skip_reason: string | null; n: number }[]>`
    SELECT campaign_id, status::text AS status, skip_reason, count(*)::int AS n FROM campaign_recipients
    WHERE campaign_id IN (${Prisma.join(campaignIds)}) GROUP BY 1, 2, 3`;
  for (const row of rows) {
    const counts = result.get(row.campaign_id) as CampaignCounts;
    counts.total += row.n;
    (counts[row.status] as number) += row.n;
    if (row.status === "skipped") {
      const reason = row.skip_reason ?? "unknown";
      counts.skippedByReason[reason] = (counts.skippedByReason[reason] ?? 0) + row.n;
    }
  }
  return result;
}
