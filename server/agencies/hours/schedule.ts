import type { Weekday } from "../../clock/vietnam-time.js";
import { addDays, isRealDate, vietnamClock, vietnamInstant, weekdayOf } from "../../clock/vietnam-time.js";
import { holidayOn } from "./holidays.js";
import type { DayDescription, Schedule, TimeRange } from "./types.js";
import { minutesOf } from "./validate.js";

// Evaluation of a validated schedule (see validate.ts); a malformed time throws rather than guessing.
// Time is always a parameter so callers and tests decide what "now" is.

const NEXT_OPENING_HORIZON_DAYS = 60;
const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const;

/** How one Vietnam calendar day ("YYYY-MM-DD", or the day of an instant) looks: override, holiday or weekly hours. */
export function describeDay(schedule: Schedule, day: string | Date): DayDescription {
  const date = typeof day === "string" ? checkedDate(day) : vietnamClock(day).date;
  const holidayName = schedule.observeHolidays ? holidayOn(date, restDaysOf(schedule)) : undefined;
  const override = schedule.overrides.find((candidate) => candidate.date === date);
  if (override) {
    const ranges = override.closed ? [] : sortedRanges(override.ranges);
    return {
      date,
      open: ranges.length > 0,
      ranges,
      reason: "override",
      ...(holidayName !== undefined && { holidayName }),
      ...(override.note !== undefined && { note: override.note }),
    };
  }
  if (holidayName !== undefined) return { date, open: false, ranges: [], reason: "holiday", holidayName };
  const ranges = sortedRanges(schedule.weekly[weekdayOf(date)]);
  return { date, open: ranges.length > 0, ranges, reason: "weekly" };
}

/** Open at `now`: opening times are inclusive, closing times exclusive (17:00 is closed). */
export function isOpen(schedule: Schedule, now: Date): boolean {
  const clock = vietnamClock(now);
  return describeDay(schedule, clock.date).ranges.some(
    (range) => minutesOf(range.opens) <= clock.minutes && clock.minutes < minutesOf(range.closes),
  );
}

/** The first instant at or after `now` when the schedule is open (`now` itself if open), or null if none within 60 days. */
export function nextOpening(schedule: Schedule, now: Date): Date | null {
  return afterOpenTime(schedule, now, 0);
}

/**
 * The instant when `minutes` of opening time have passed since `from`: time while the schedule is
 * closed (nights, weekends, holidays) does not count, so "within 4 working hours" of a request made
 * on Friday evening ends on Monday. Null when that is not within 60 days.
 */
export function afterOpenTime(schedule: Schedule, from: Date, minutes: number): Date | null {
  const startDate = vietnamClock(from).date;
  const horizon = from.getTime() + NEXT_OPENING_HORIZON_DAYS * 86_400_000;
  let leftMs = minutes * 60_000;
  for (let offset = 0; offset <= NEXT_OPENING_HORIZON_DAYS; offset++) {
    const date = addDays(startDate, offset);
    for (const range of describeDay(schedule, date).ranges) {
      const start = Math.max(vietnamInstant(date, minutesOf(range.opens)).getTime(), from.getTime());
      const end = vietnamInstant(date, minutesOf(range.closes)).getTime();
      if (end <= start) continue;
      if (leftMs <= end - start) {
        const at = start + leftMs;
        return at <= horizon ? new Date(at) : null;
      }
      leftMs -= end - start;
    }
  }
  return null;
}

function checkedDate(text: string): string {
  if (!isRealDate(text)) throw new RangeError(`"${text}" is not a real date in YYYY-MM-DD form`);
  return text;
}

function sortedRanges(ranges: readonly TimeRange[]): TimeRange[] {
  return ranges.map((range) => ({ opens: range.opens, closes: range.closes })).sort((a, b) => minutesOf(a.opens) - minutesOf(b.opens));
}

/** Weekdays with no weekly hours: the rest days on which a holiday earns a compensatory day off. */
function restDaysOf(schedule: Schedule): ReadonlySet<Weekday> {
  return new Set(WEEKDAYS.filter((day) => schedule.weekly[day].length === 0));
}
