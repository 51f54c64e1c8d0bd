import { parseTimeOfDay } from "../../clock/time-of-day.js";
import { isRealDate } from "../../clock/vietnam-time.js";
import type { HoursOverride, Schedule, TimeRange, WeeklyHours } from "./types.js";

// Semantic checks for schedules edited in the console. The route schema checks shapes; these say
// precisely what is wrong and where, so the console can show the message next to the field.
// `path` uses dots ("weekly.1.0.opens", "overrides.2.date") as react-admin names nested inputs;
// `code` is stable for translation keys.

export type HoursIssueCode =
  | "time_format"
  | "range_order"
  | "range_overlap"
  | "ranges_empty"
  | "date_format"
  | "date_invalid"
  | "date_duplicate";

export interface HoursIssue {
  path: string;
  code: HoursIssueCode;
  message: string;
}

/** The API's complaint about a field that is not an "HH:MM" time. */
function notATime(text: string): string {
  return `"${text}" is not a time in HH:MM form between 00:00 and 24:00, e.g. "07:30"`;
}

/** Minutes of a time already validated; a schedule that skipped validation fails loudly here. */
export function minutesOf(text: string): number {
  const minutes = parseTimeOfDay(text);
  if (minutes === null) throw new RangeError(notATime(text));
  return minutes;
}

/** Ranges of one day: each well-formed, opens before closes, none overlapping another (touching is fine). */
export function validateRanges(ranges: readonly TimeRange[], path: string): HoursIssue[] {
  const issues: HoursIssue[] = [];
  const parsed: { index: number; opens: number; closes: number }[] = [];
  ranges.forEach((range, index) => {
    const opens = parseTimeOfDay(range.opens);
    const closes = parseTimeOfDay(range.closes);
    if (opens === null) issues.push({ path: `${path}.${index}.opens`, code: "time_format", message: notATime(range.opens) });
    if (closes === null) issues.push({ path: `${path}.${index}.closes`, code: "time_format", message: notATime(range.closes) });
    if (opens === null || closes === null) return;
    if (opens >= closes) {
      issues.push({
        path: `${path}.${index}.closes`,
        code: "range_order",
        message: `closes (${range.closes}) must be later than opens (${range.opens}); a range cannot cross midnight, split it at 24:00`,
      });
      return;
    }
    parsed.push({ index, opens, closes });
  });
  parsed.sort((a, b) => a.opens - b.opens);
  // Compare each range with the one reaching furthest so far, so 07:00–17:00 is caught overlapping
  // both 08:00–09:00 and 10:00–11:00.
  let furthest = parsed[0];
  for (const later of parsed.slice(1)) {
    if (!furthest) break;
    if (later.opens < furthest.closes) {
      issues.push({
        path: `${path}.${later.index}`,
        code: "range_overlap",
        message: `${label(ranges[later.index])} overlaps ${label(ranges[furthest.index])} (range ${furthest.index + 1} of this day)`,
      });
    }
    if (later.closes > furthest.closes) furthest = later;
  }
  return issues;
}

export function validateWeeklyHours(weekly: WeeklyHours, path = "weekly"): HoursIssue[] {
  return ([0, 1, 2, 3, 4, 5, 6] as const).flatMap((day) => validateRanges(weekly[day] ?? [], `${path}.${day}`));
}

export function validateOverrides(overrides: readonly HoursOverride[], path = "overrides"): HoursIssue[] {
  const issues: HoursIssue[] = [];
  const seen = new Map<string, number>();
  overrides.forEach((override, index) => {
    const at = `${path}.${index}`;
    const dateIssue = checkDate(override.date);
    if (dateIssue) issues.push({ path: `${at}.date`, ...dateIssue });
    const first = seen.get(override.date);
    if (first !== undefined) {
      issues.push({
        path: `${at}.date`,
        code: "date_duplicate",
        message: `${override.date} already has an override (number ${first + 1}); keep one per day`,
      });
    } else {
      seen.set(override.date, index);
    }
    if (override.closed) return;
    if (override.ranges.length === 0) {
      issues.push({
        path: `${at}.ranges`,
        code: "ranges_empty",
        message: "an override that opens the day needs at least one range; mark the day closed instead",
      });
    }
    issues.push(...validateRanges(override.ranges, `${at}.ranges`));
  });
  return issues;
}

/** Every issue in a schedule; an empty list means it is safe to evaluate. */
export function validateSchedule(schedule: Schedule): HoursIssue[] {
  return [...validateWeeklyHours(schedule.weekly), ...validateOverrides(schedule.overrides)];
}

function checkDate(text: string): Omit<HoursIssue, "path"> | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    return { code: "date_format", message: `"${text}" is not a date in YYYY-MM-DD form, e.g. "2026-02-14"` };
  }
  if (!isRealDate(text)) return { code: "date_invalid", message: `${text} is not a real calendar date` };
  return undefined;
}

function label(range: TimeRange | undefined): string {
  return range ? `${range.opens}–${range.closes}` : "range";
}
