// Vietnam has kept UTC+7 all year since 1975 (no daylight saving), so a fixed offset is exact and
// keeps Intl time-zone lookups out of the hot path. Calendar days are handled as "YYYY-MM-DD" strings
// and computed with UTC arithmetic, which has no DST surprises either.
const OFFSET_MS = 7 * 3_600_000;
const OFFSET_ISO = "+07:00";
const DAY_MS = 86_400_000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Day of the week as JavaScript numbers it: Sunday = 0 … Saturday = 6. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

/** The Vietnam calendar day, weekday and minute of the day at an instant. */
export interface VietnamClock {
  date: string;
  weekday: Weekday;
  minutes: number;
}

export function vietnamClock(instant: Date): VietnamClock {
  const ms = instant.getTime();
  if (Number.isNaN(ms)) throw new RangeError("Invalid Date");
  const local = new Date(ms + OFFSET_MS);
  return {
    date: local.toISOString().slice(0, 10),
    weekday: local.getUTCDay() as Weekday,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
  };
}

/** The instant at `minutes` past midnight, Vietnam time, on `date`. */
export function vietnamInstant(date: string, minutes: number): Date {
  return new Date(utcMidnight(date) + minutes * 60_000 - OFFSET_MS);
}

/** An instant as Vietnam wall-clock time, "YYYY-MM-DDTHH:mm": what <input type="datetime-local"> shows. */
export function vietnamDateTime(instant: Date): string {
  return new Date(instant.getTime() + OFFSET_MS).toISOString().slice(0, 16);
}

/** "YYYY-MM-DDTHH:mm" (seconds optional) read as Vietnam wall-clock time → the instant, or null. */
export function fromVietnamDateTime(local: string): Date | null {
  const instant = new Date(`${local.length === 16 ? `${local}:00` : local}${OFFSET_ISO}`);
  return Number.isNaN(instant.getTime()) ? null : instant;
}

export function weekdayOf(date: string): Weekday {
  return new Date(utcMidnight(date)).getUTCDay() as Weekday;
}

export function addDays(date: string, days: number): string {
  return new Date(utcMidnight(date) + days * DAY_MS).toISOString().slice(0, 10);
}

/** Whether `text` is a "YYYY-MM-DD" day that exists (2026-02-29 does not). */
export function isRealDate(text: string): boolean {
  const match = DATE_PATTERN.exec(text);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

function utcMidnight(date: string): number {
  const match = DATE_PATTERN.exec(date);
  if (!match) throw new RangeError(`"${date}" is not a date in YYYY-MM-DD form`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** An instant as Vietnamese readers write it, Vietnam time: "31/12/2026 23:59:59" (exports, reports). */
export function vietnamDisplayDateTime(instant: Date): string {
  const iso = new Date(instant.getTime() + OFFSET_MS).toISOString();
  return `${displayDate(iso.slice(0, 10))} ${iso.slice(11, 19)}`;
}

/** A "YYYY-MM-DD" day as "dd/MM/yyyy". */
export function displayDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}
