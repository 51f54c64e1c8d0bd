// How long a campaign's short links answer: the retention of campaign links, in the settings table
// beside the other retention periods (Decree 356/2025: kept no longer than needed). A link expires
// this many days after it was made (at the campaign's first send); then /l/<code> answers 410 and the
// maintenance purge may delete it with its counted requests.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";

export const LINK_RETENTION_KEY = "retention.campaignLinkDays";
export const LINK_RETENTION_DEFAULT_DAYS = 365;
const LIMITS = { min: 7, max: 3650 } as const;

type SettingsReader = Pick<Db, "setting"> | Prisma.TransactionClient;

/** The stored period, or the default when missing or malformed. */
export async function readLinkRetentionDays(db: SettingsReader): Promise<number> {
  const row = await db.setting.findUnique({ where: { key: LINK_RETENTION_KEY } });
  const value = row?.value as unknown;
  return typeof value === "number" && Number.isInteger(value) && value >= LIMITS.min && value <= LIMITS.max
    ? value
    : LINK_RETENTION_DEFAULT_DAYS;
}
