// Opening hours as the console sends and reads them: the shapes checked by route schemas, and the
// hours module's precise complaints turned into a 400 per field path.
import Type from "typebox";
import type { Weekday } from "../../clock/vietnam-time.js";
import { HttpError } from "../../platform/http/errors.js";
import type { TimeRange, WeeklyHours } from "./types.js";
import type { HoursIssue } from "./validate.js";
import { validateWeeklyHours } from "./validate.js";

export const WEEKDAYS = [0, 1, 2, 3, 4, 5, 6] as const satisfies readonly Weekday[];

/** "HH:MM"; the hours module checks the value so its message can say what is wrong. */
export const TimeRangeSchema = Type.Object(
  { opens: Type.String({ maxLength: 10 }), closes: Type.String({ maxLength: 10 }) },
  { additionalProperties: false },
);
const DayRanges = Type.Array(TimeRangeSchema, { maxItems: 12 });

/** Weekly hours keyed by weekday, Sunday = "0"; a missing day is closed. */
export const WeeklyHoursSchema = Type.Object(
  {
    0: Type.Optional(DayRanges),
    1: Type.Optional(DayRanges),
    2: Type.Optional(DayRanges),
    3: Type.Optional(DayRanges),
    4: Type.Optional(DayRanges),
    5: Type.Optional(DayRanges),
    6: Type.Optional(DayRanges),
  },
  { additionalProperties: false },
);

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
