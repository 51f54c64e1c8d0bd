// Retention periods (Decree 356/2025: personal data is kept no longer than needed), stored in the
// settings table so admins change them without a deployment.

import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";

export interface RetentionSettings {
  /** Days a call recording is kept (then deleted at Twilio and here). */
  recordingDays: number;
  /** Days a call record is kept with its events, notes and survey answers. */
  callDays: number;
}

export const RETENTION_DEFAULTS: RetentionSettings = { recordingDays: 365, callDays: 730 };
export const RETENTION_LIMITS = { min: 7, max: 3650 } as const;

const KEYS = { recordingDays: "retention.recordingDays", callDays: "retention.callDays" } as const;

type SettingsReader = Pick<Db, "setting"> | Prisma.TransactionClient;

const valid = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= RETENTION_LIMITS.min && value <= RETENTION_LIMITS.max;

/** The stored periods, or the defaults for anything missing or malformed. */
export async function readRetention(db: SettingsReader): Promise<RetentionSettings> {
  const rows = await db.setting.findMany({ where: { key: { in: Object.values(KEYS) } } });
  const stored = new Map(rows.map((row) => [row.key, row.value as unknown]));
  const pick = (name: keyof RetentionSettings) => {
    const value = stored.get(KEYS[name]);
    return valid(value) ? value : RETENTION_DEFAULTS[name];
  };
  return { recordingDays: pick("recordingDays"), callDays: pick("callDays") };
}

export async function writeRetention(db: SettingsReader, settings: RetentionSettings): Promise<void> {
  for (const name of Object.keys(KEYS) as (keyof RetentionSettings)[]) {
    await db.setting.upsert({
      where: { key: KEYS[name] },
      create: { key: KEYS[name], value: settings[name] },
      update: { value: settings[name] },
    });
  }
}
