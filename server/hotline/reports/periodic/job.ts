// The monthly report prepared by the worker: a job checks every morning whether the province's first
// working day of the month has come (its schedule: weekends, public holidays and dated overrides, as
// agencies/hours says) and, if last month has no prepared report yet, prepares it. Checking daily
// rather than firing once makes it catch up after a worker outage; the snapshot's unique period
// makes it happen once.
import { scheduleOf } from "../../../agencies/hours/agency-schedule.js";
import { describeDay } from "../../../agencies/hours/schedule.js";
import type { Schedule } from "../../../agencies/hours/types.js";
import { addDays, vietnamClock } from "../../../clock/vietnam-time.js";
import type { Db } from "../../../platform/db/client.js";
import { previousMonthKey, reportPeriod } from "./period.js";
import { prepareSnapshot } from "./snapshots.js";

export const PREPARE_MONTHLY_REPORT = "prepare-monthly-report";
/** Daily at 06:00 Vietnam time, before offices open. */
export const PREPARE_MONTHLY_REPORT_PATTERN = "0 0 6 * * *";

/** The first day of `now`'s month on which the schedule is open (null if none in the month). */
export function firstWorkingDay(schedule: Schedule, now: Date): string | null {
  const first = `${vietnamClock(now).date.slice(0, 7)}-01`;
  for (let day = first; day.slice(0, 7) === first.slice(0, 7); day = addDays(day, 1)) {
    if (describeDay(schedule, day).open) return day;
  }
  return null;
}

/** The province's schedule: the root agency's (its hours and overrides), or the default office hours. */
export async function provinceSchedule(db: Db, now: Date): Promise<Schedule> {
  const from = new Date(now.getTime() - 40 * 86_400_000);
  const [agencies, overrides] = await Promise.all([
    db.agency.findMany({ select: { id: true, parentId: true, weeklyHours: true, observeHolidays: true, kind: true } }),
    db.hoursOverride.findMany({ where: { date: { gte: from } } }),
  ]);
  const root =
    agencies.find((agency) => agency.parentId === null && agency.kind === "province") ?? agencies.find((a) => a.parentId === null);
  return scheduleOf(root?.id ?? 0, new Map(agencies.map((agency) => [agency.id, agency])), overrides);
}

export type MonthlyResult = { prepared: string } | { skipped: "not_yet" | "already_prepared"; period: string };

export async function prepareMonthlyReport(db: Db, options: { now: Date }): Promise<MonthlyResult> {
  const { now } = options;
  const key = previousMonthKey(now);
  const firstDay = firstWorkingDay(await provinceSchedule(db, now), now);
  if (firstDay === null || vietnamClock(now).date < firstDay) return { skipped: "not_yet", period: key };
  if (await db.reportSnapshot.findUnique({ where: { period: key }, select: { id: true } })) {
    return { skipped: "already_prepared", period: key };
  }
  await prepareSnapshot(db, reportPeriod(key), options);
  return { prepared: key };
}
