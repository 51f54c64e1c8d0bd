// The short links of a campaign's text, made once per campaign and URL and reused for every
// recipient: the text sent is the same for all, so sending stays exactly-once without any per-message
// link state, and a crash between making a link and sending only leaves an unused link.
//
// With per-recipient tracking on (TRACKED_LINK_PER_RECIPIENT), each recipient gets their own code for
// each link instead, made in the transaction that writes their message row: a retry finds the same
// code, and a rolled-back attempt leaves none.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { newLinkCode } from "./codes.js";
import { readLinkRetentionDays } from "./settings.js";
import { findTrackableUrls, replaceTrackableUrls, shortLinkUrl } from "./urls.js";

export interface LinkOptions {
  /** The hosts whose links are shortened (TRACKED_LINK_HOSTS). */
  hosts: readonly string[];
  /** Where /l/<code> is answered (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
  /** A code per recipient (TRACKED_LINK_PER_RECIPIENT): who clicked becomes known. */
  perRecipient?: boolean;
}

/** A campaign's links: url → its link. */
export type PreparedLinks = Map<string, { id: number; code: string }>;

export interface CampaignLinks {
  options: LinkOptions;
  /** The links of the campaign's body, made when missing; null when it has none. */
  prepare(campaignId: number, body: string): Promise<PreparedLinks | null>;
}

/** The links of a campaign's URLs, made when missing. Idempotent: two workers at once share one link. */
export async function ensureLinks(db: Db, campaignId: number, urls: readonly string[], now: Date): Promise<PreparedLinks> {
  const links: PreparedLinks = new Map();
  if (urls.length === 0) return links;
  const days = await readLinkRetentionDays(db);
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  // A second round only if a fresh code collided with an existing one (60 random bits: practically never).
  for (let round = 0; round < 3 && links.size < urls.length; round++) {
    for (const url of urls.filter((u) => !links.has(u))) {
      await db.$executeRaw`INSERT INTO tracked_links (code, campaign_id, url, expires_at, created_at)
        VALUES (${newLinkCode()}, ${campaignId}, ${url}, ${expiresAt}, ${now}) ON CONFLICT DO NOTHING`;
    }
    const rows = await db.trackedLink.findMany({
      where: { campaignId, url: { in: [...urls] } },
      select: { id: true, url: true, code: true },
    });
    for (const row of rows) links.set(row.url, { id: row.id, code: row.code });
  }
  if (links.size < urls.length) throw new Error(`campaign ${campaignId}: could not make its short links`);
  return links;
}

/** A recipient's own codes for the given links (link id → code), made when missing, in the caller's transaction. */
export async function recipientCodes(
  tx: Prisma.TransactionClient,
  linkIds: readonly number[],
  recipientId: number,
): Promise<Map<number, string>> {
  const codes = new Map<number, string>();
  for (let round = 0; round < 3 && codes.size < linkIds.length; round++) {
    for (const linkId of linkIds.filter((id) => !codes.has(id))) {
      await tx.$executeRaw`INSERT INTO recipient_links (code, link_id, recipient_id) VALUES (${newLinkCode()}, ${linkId}, ${recipientId})
        ON CONFLICT DO NOTHING`;
    }
    const rows = await tx.recipientLink.findMany({
      where: { recipientId, linkId: { in: [...linkIds] } },
      select: { linkId: true, code: true },
    });
    for (const row of rows) codes.set(row.linkId, row.code);
  }
  if (codes.size < linkIds.length) throw new Error(`recipient ${recipientId}: could not make their short links`);
  return codes;
}

/** The body with its links replaced: the campaign's codes, or the recipient's own where given. */
export function applyLinks(body: string, links: PreparedLinks, options: LinkOptions, own?: Map<number, string>): string {
  return replaceTrackableUrls(body, options.hosts, (url) => {
    const link = links.get(url);
    if (!link) return undefined;
    return shortLinkUrl(options.publicBaseUrl, own?.get(link.id) ?? link.code);
  });
}

/** Short links for the dispatcher, remembered per campaign for the life of one batch. */
export function campaignLinks(db: Db, options: LinkOptions, now: () => Date): CampaignLinks {
  const known = new Map<number, PreparedLinks>();
  return {
    options,
    async prepare(campaignId, body) {
      const urls = findTrackableUrls(body, options.hosts);
      if (urls.length === 0) return null;
      let links = known.get(campaignId);
      if (!links || urls.some((u) => !links?.has(u))) {
        links = await ensureLinks(db, campaignId, urls, now());
        known.set(campaignId, links);
      }
      return links;
    },
  };
}
