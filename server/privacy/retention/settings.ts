// The retention periods (server/contract/privacy/retention.ts), stored in the settings table so admins
// change them without a deployment: one row per kind, retention.<field> (retention.recordingDays and
// retention.callDays are the keys used before every kind had one, so saved values survive).

import { RETENTION_DEFAULTS, RETENTION_KINDS, type RetentionSettings } from "../../contract/privacy/retention.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";

export { RETENTION_DEFAULTS, RETENTION_KINDS, type RetentionSettings };

type SettingsReader = Pick<Db, "setting"> | Prisma.TransactionClient;

const keyOf = (field: string) => `retention.${field}`;

/** The stored periods, or the default for any missing or outside its limits. */
export async function readRetention(db: SettingsReader): Promise<RetentionSettings> {
  const rows = await db.setting.findMany({ where: { key: { in: RETENTION_KINDS.map((rule) => keyOf(rule.field)) } } });
  const stored = new Map(rows.map((row) => [row.key, row.value as unknown]));
  const settings = { ...RETENTION_DEFAULTS };
  for (const rule of RETENTION_KINDS) {
    const value = stored.get(keyOf(rule.field));
    if (typeof value === "number" && Number.isInteger(value) && value >= rule.min && value <= rule.max) settings[rule.field] = value;
  }
  return settings;
}

export async function writeRetention(db: SettingsReader, settings: RetentionSettings): Promise<void> {
  for (const rule of RETENTION_KINDS) {
    const key = keyOf(rule.field);
    await db.setting.upsert({ where: { key }, create: { key, value: settings[rule.field] }, update: { value: settings[rule.field] } });
  }
}

/** The first period longer than the call log's among a call's parts: they are deleted with their call anyway. */
export function outlivesCalls(settings: RetentionSettings): string | undefined {
  return RETENTION_KINDS.find((rule) => "partOfCall" in rule && rule.partOfCall && settings[rule.field] > settings.callDays)?.field;
}
