// A report period: a month (2026-11) or a quarter (2026-Q4) of Vietnam days, its instants from
// 00:00 Vietnam on the first day to 00:00 on the day after the last (the one definition in ../period.ts).
import { addDays, vietnamClock } from "../../../clock/vietnam-time.js";
import { REPORT_PERIOD_PATTERN } from "../../../contract/hotline/agency-reports.js";
import { invalidField } from "../../../platform/http/errors.js";
import { type Period, periodOf } from "../period.js";

export interface ReportPeriod extends Period {
  key: string;
  kind: "month" | "quarter";
}

const pad = (n: number) => String(n).padStart(2, "0");

function lastDayOfMonth(year: number, month: number): string {
  // Day 0 of the next month is the last day of this one.
  return `${year}-${pad(month)}-${pad(new Date(Date.UTC(year, month, 0)).getUTCDate())}`;
}

/** The period named by `key`, or a 400 naming the field. */
export function reportPeriod(key: string, field = "period"): ReportPeriod {
  if (!new RegExp(REPORT_PERIOD_PATTERN).test(key)) {
    throw invalidField(field, "format", `${field} must be a month YYYY-MM or a quarter YYYY-Qn`);
  }
  const year = Number(key.slice(0, 4));
  if (year < 2000) throw invalidField(field, "out_of_range", `${field} is too early`);
  const quarter = key[5] === "Q" ? Number(key[6]) : null;
  const firstMonth = quarter ? (quarter - 1) * 3 + 1 : Number(key.slice(5, 7));
  const lastMonth = quarter ? firstMonth + 2 : firstMonth;
  const period = periodOf(`${year}-${pad(firstMonth)}-01`, lastDayOfMonth(year, lastMonth));
  return { ...period, key, kind: quarter ? "quarter" : "month" };
}

/** The month before the one `now` falls in (Vietnam time), as a key: the report prepared on its first working day. */
export function previousMonthKey(now: Date): string {
  const today = vietnamClock(now).date;
  return addDays(`${today.slice(0, 7)}-01`, -1).slice(0, 7);
}

/** The month `now` falls in, Vietnam time. */
export function currentMonthKey(now: Date): string {
  return vietnamClock(now).date.slice(0, 7);
}

/** Over: nothing that happens from now on changes its figures (apart from late survey answers). */
export function isClosed(period: Period, now: Date): boolean {
  return period.end.getTime() <= now.getTime();
}
