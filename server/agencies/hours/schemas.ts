// Opening hours as the console sends them (the shapes are in server/contract/agencies/hours.ts): the
// week completed for storage, and the hours module's precise complaints turned into a 400 per field path.
import type { Weekday } from "../../clock/vietnam-time.js";
import { HttpError } from "../../platform/http/errors.js";
import type { TimeRange, WeeklyHours } from "./types.js";
import type { HoursIssue } from "./validate.js";
import { validateWeeklyHours } from "./validate.js";

export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const satisfies readonly Weekday[];

type DayInput = { opens: string; closes: string }[] | undefined;
export type WeeklyHoursInput = Partial<Record<Weekday, DayInput>>;

/** Every weekday present (closed days as []), in the form stored in agencies.weekly_hours. */
export function completeWeek(input: WeeklyHoursInput): WeeklyHours {
  return Object.fromEntries(
    WEEKDAYS.map((day) => [day, (input[day] ?? []).map(({ opens, closes }): TimeRange => ({ opens, closes }))]),
  ) as unknown as WeeklyHours;
}

/** A 400 listing each hours issue under its field path, with the hours module's messages. */
export function hoursError(issues: HoursIssue[]): HttpError {
  return new HttpError(400, issues.map((issue) => `${issue.path}: ${issue.message}`).join("; "), {
    code: "hours",
    errors: Object.fromEntries(issues.map((issue) => [issue.path, `tthc.validation.hours_${issue.code}`])),
  });
}

export function checkWeeklyHours(week: WeeklyHours | null): void {
  if (!week) return;
  const issues = validateWeeklyHours(week, "weeklyHours");
  if (issues.length > 0) throw hoursError(issues);
}
