// How long a campaign's short links answer: the retention of campaign links, in the settings table
// beside the other retention periods (Decree 356/2025: kept no longer than needed). A link expires
// this many days after it was made (at the campaign's first send); then /l/<code> answers 410 and the
// link and its counted requests stay (they hold no personal data) until the campaign is deleted.
// GET/PUT /api/settings/tracked-links (settings-routes.ts) reads and changes it; a change applies to
// links made afterwards.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";

export const LINK_RETENTION_KEY = "retention.campaignLinkDays";
export const LINK_RETENTION_DEFAULT_DAYS = 365;
export const LINK_RETENTION_LIMITS = { min: 7, max: 3650 } as const;
const LIMITS = LINK_RETENTION_LIMITS;

type SettingsReader = Pick<Db, "setting"> | Prisma.TransactionClient;

/** The stored period, or the default when missing or malformed. */
export async function readLinkRetentionDays(db: SettingsReader): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: LINK_RETENTION_KEY } });
  const value = row?.value as unknown;
  return typeof value === "number" && Number.isInteger(value) && value >= LIMITS.min && value <= LIMITS.max
    ? value
    : LINK_RETENTION_DEFAULT_DAYS;
}

export interface LinkRetention {
  linkDays: number;
}

export async function readLinkRetention(db: SettingsReader): Promise<LinkRetention> {
  return { linkDays: await readLinkRetentionDays(db) };
}

export async function writeLinkRetention(db: SettingsReader, value: LinkRetention): Promise<void> {
  await db.setting.upsert({
    where: { key: LINK_RETENTION_KEY },
    create: { key: LINK_RETENTION_KEY, value: value.linkDays },
    update: { value: value.linkDays },
  });
}
