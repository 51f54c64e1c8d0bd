// The score formula in the settings table (key reports.scoring), so the province changes it
// without a deployment; a missing or malformed value reads as the defaults.
import { Value } from "typebox/value";
import { ScoringSettings } from "../../../contract/hotline/agency-reports.js";
import type { Prisma } from "../../../generated/prisma/client.js";
import type { Db } from "../../../platform/db/client.js";
import { SCORING_DEFAULTS, scoringProblems } from "./scoring.js";

export const SCORING_KEY = "reports.scoring";

type SettingsReader = Pick<Db, "setting"> | Prisma.TransactionClient;

export async function readScoring(db: SettingsReader): Promise<ScoringSettings> {
  const row = await db.setting.findUnique({ where: { key: SCORING_KEY } });
  const value = row?.value as unknown;
  if (!Value.Check(ScoringSettings, value) || Object.keys(scoringProblems(value)).length > 0) return SCORING_DEFAULTS;
  return value;
}

export async function writeScoring(db: SettingsReader, settings: ScoringSettings): Promise<void> {
  const value = settings as unknown as Prisma.InputJsonValue;
  await db.setting.upsert({ where: { key: SCORING_KEY }, create: { key: SCORING_KEY, value }, update: { value } });
}
