// Prepared reports: the counts of a closed period stored once (report_snapshots), so the monthly
// report the province sends stays what it was when prepared, whatever is corrected afterwards; an
// administrator can prepare it again (POST /api/agency-reports/prepare).
import type { Prisma } from "../../../generated/prisma/client.js";
import type { Db } from "../../../platform/db/client.js";
import type { ReportInputs } from "./figures.js";
import type { ReportPeriod } from "./period.js";
import { readReportInputs } from "./read.js";
import { readScoring } from "./scoring-settings.js";

export interface Snapshot {
  preparedAt: Date;
  inputs: ReportInputs;
}

export interface PrepareOptions {
  now: Date;
}

export async function findSnapshot(db: Db, key: string): Promise<Snapshot | null> {
  const row = await db.reportSnapshot.findUnique({ where: { period: key } });
  return row ? { preparedAt: row.preparedAt, inputs: row.data as unknown as ReportInputs } : null;
}

/** Computes the period's counts with today's formula and stores them, replacing any earlier ones. */
export async function prepareSnapshot(db: Db, period: ReportPeriod, options: PrepareOptions): Promise<Snapshot> {
  const inputs = await readReportInputs(db, period, { ...options, scoring: await readScoring(db) });
  const data = inputs as unknown as Prisma.InputJsonValue;
  const row = await db.reportSnapshot.upsert({
    where: { period: period.key },
    create: { period: period.key, preparedAt: options.now, data },
    update: { preparedAt: options.now, data },
  });
  return { preparedAt: row.preparedAt, inputs };
}
