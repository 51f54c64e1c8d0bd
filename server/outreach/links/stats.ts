// What a campaign's links led to: the requests by kind, each link's clicks, and clicks beside
// deliveries over time (hours, or days for a campaign longer than three days), in local time.
import type { LinkStats } from "../../contract/outreach/links.js";
import type { Db } from "../../platform/db/client.js";
import { shortLinkUrl } from "./urls.js";

const TZ = "Asia/Ho_Chi_Minh";

export async function linkStats(db: Db, campaignId: number, publicBaseUrl: string, perRecipient: boolean): Promise<LinkStats> {
  const [byKind, links, [delivered], [span], [people]] = await Promise.all([
    db.linkRequest.groupBy({ by: ["kind"], where: { campaignId }, _count: { _all: true } }),
    db.$queryRaw<{ code: string; url: string; expires_at: Date; clicks: number }[]>`
      SELECT l.code, l.url, l.expires_at, count(r.id) FILTER (WHERE r.kind = 'click')::int AS clicks
      FROM tracked_links l LEFT JOIN link_requests r ON r.link_id = l.id
      WHERE l.campaign_id = ${campaignId} GROUP BY l.id ORDER BY l.id`,
    db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM campaign_recipients
      WHERE campaign_id = ${campaignId} AND status = 'delivered'`,
    db.$queryRaw<{ first: Date | null; last: Date | null }[]>`
      SELECT min(t) AS first, max(t) AS last FROM (
        SELECT delivered_at AS t FROM campaign_recipients WHERE campaign_id = ${campaignId} AND delivered_at IS NOT NULL
        UNION ALL SELECT at FROM link_requests WHERE campaign_id = ${campaignId} AND kind = 'click') x`,
    db.$queryRaw<{ n: number }[]>`SELECT count(DISTINCT recipient_id)::int AS n FROM link_requests
      WHERE campaign_id = ${campaignId} AND recipient_id IS NOT NULL AND kind IN ('click', 'repeat')`,
  ]);
  const count = (kind: string) => byKind.find((row) => row.kind === kind)?._count._all ?? 0;
  const totals = { clicks: count("click"), repeats: count("repeat"), bots: count("bot"), heads: count("head") };
  const spanMs = span?.first && span.last ? span.last.getTime() - span.first.getTime() : 0;
  const unit = spanMs > 3 * 86_400_000 ? "day" : "hour";
  const series = await db.$queryRaw<{ at: string; clicks: number; delivered: number }[]>`
    SELECT to_char(b, 'YYYY-MM-DD HH24:00') AS at, sum(clicks)::int AS clicks, sum(delivered)::int AS delivered FROM (
      SELECT date_trunc(${unit}, at AT TIME ZONE ${TZ}) AS b, 1 AS clicks, 0 AS delivered
        FROM link_requests WHERE campaign_id = ${campaignId} AND kind = 'click'
      UNION ALL
      SELECT date_trunc(${unit}, delivered_at AT TIME ZONE ${TZ}), 0, 1
        FROM campaign_recipients WHERE campaign_id = ${campaignId} AND delivered_at IS NOT NULL
    ) x GROUP BY b ORDER BY b LIMIT 1000`;
  const deliveredCount = delivered?.n ?? 0;
  return {
    perRecipient,
    recipientsClicked: people?.n ?? 0,
    totals,
    delivered: deliveredCount,
    clickThrough: deliveredCount > 0 ? totals.clicks / deliveredCount : null,
    links: links.map((l) => ({
      code: l.code,
      shortUrl: shortLinkUrl(publicBaseUrl, l.code),
      url: l.url,
      expiresAt: l.expires_at.toISOString(),
      clicks: l.clicks,
    })),
    unit,
    series,
  };
}

/** Opens of each recipient's own codes (clicks and repeats), for a page of recipients. */
export async function recipientClicks(db: Db, recipientIds: number[]): Promise<Map<number, number>> {
  if (recipientIds.length === 0) return new Map();
  const rows = await db.linkRequest.groupBy({
    by: ["recipientId"],
    where: { recipientId: { in: recipientIds }, kind: { in: ["click", "repeat"] } },
    _count: { _all: true },
  });
  return new Map(rows.flatMap((row) => (row.recipientId === null ? [] : [[row.recipientId, row._count._all] as const])));
}
