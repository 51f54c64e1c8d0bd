// The short links of a campaign's text, made once per campaign and URL and reused for every
// recipient: the text sent is the same for all, so sending stays exactly-once without any per-message
// link state, and a crash between making a link and sending only leaves an unused link.
import type { Db } from "../../platform/db/client.js";
import { newLinkCode } from "./codes.js";
import { readLinkRetentionDays } from "./settings.js";
import { findTrackableUrls, replaceTrackableUrls, shortLinkUrl } from "./urls.js";

export interface LinkOptions {
  /** The hosts whose links are shortened (TRACKED_LINK_HOSTS). */
  hosts: readonly string[];
  /** Where /l/<code> is answered (PUBLIC_BASE_URL). */
  publicBaseUrl: string;
}

export interface CampaignLinks {
  /** The campaign's body with its portal links replaced by short links (made when first needed). */
  shorten(campaignId: number, body: string): Promise<string>;
}

/** The codes of a campaign's URLs, made when missing. Idempotent: two workers at once share one link. */
export async function ensureLinks(db: Db, campaignId: number, urls: readonly string[], now: Date): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  if (urls.length === 0) return codes;
  const days = await readLinkRetentionDays(db);
  const expiresAt = new Date(now.getTime() + days * 86_400_000);
  // A second round only if a fresh code collided with an existing one (60 random bits: practically never).
  for (let round = 0; round < 3 && codes.size < urls.length; round++) {
    for (const url of urls.filter((u) => !codes.has(u))) {
      await db.$executeRaw`INSERT INTO tracked_links (code, campaign_id, url, expires_at, created_at)
        VALUES (${newLinkCode()}, ${campaignId}, ${url}, ${expiresAt}, ${now}) ON CONFLICT DO NOTHING`;
    }
    const rows = await db.trackedLink.findMany({ where: { campaignId, url: { in: [...urls] } }, select: { url: true, code: true } });
    for (const row of rows) codes.set(row.url, row.code);
  }
  if (codes.size < urls.length) throw new Error(`campaign ${campaignId}: could not make its short links`);
  return codes;
}

/** Short links for the dispatcher, remembered per campaign for the life of one batch. */
export function campaignLinks(db: Db, options: LinkOptions, now: () => Date): CampaignLinks {
  const known = new Map<number, Map<string, string>>();
  return {
    async shorten(campaignId, body) {
      const urls = findTrackableUrls(body, options.hosts);
      if (urls.length === 0) return body;
      let codes = known.get(campaignId);
      if (!codes || urls.some((u) => !codes?.has(u))) {
        codes = await ensureLinks(db, campaignId, urls, now());
        known.set(campaignId, codes);
      }
      const found = codes;
      return replaceTrackableUrls(body, options.hosts, (url) => {
        const code = found.get(url);
        return code === undefined ? undefined : shortLinkUrl(options.publicBaseUrl, code);
      });
    },
  };
}
