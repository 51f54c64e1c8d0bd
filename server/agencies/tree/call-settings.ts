// How calls reach an agency: the digits a caller dials in the IVR, how its staff are rung, where calls
// go when nobody answers, and its opening hours. Shapes are checked by the route schemas; the hours
// module says precisely what is wrong with a schedule, reported per field path for the console.
import Type from "typebox";
import { HttpError } from "../../platform/http/errors.js";
import { Nullable } from "../../platform/http/schemas.js";
import type { TimeRange, Weekday, WeeklyHours } from "../hours/types.js";
import type { HoursIssue } from "../hours/validate.js";
import { validateWeeklyHours } from "../hours/validate.js";

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

export const RING_STRATEGIES = ["simultaneous", "sequential"] as const;

/** Fields a supervisor may change on agencies of their own subtree; administrators change everything. */
export const ROUTING_FIELDS = ["dialCode", "ringStrategy", "ringTimeoutSeconds", "fallbackId", "weeklyHours", "observeHolidays"] as const;

export const routingInput = {
  dialCode: Type.Optional(Nullable(Type.String({ pattern: "^([0-9]{2,6})?$" }))),
  ringStrategy: Type.Optional(Type.Enum(RING_STRATEGIES)),
  ringTimeoutSeconds: Type.Optional(Type.Integer({ minimum: 5, maximum: 120 })),
  fallbackId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
  weeklyHours: Type.Optional(Nullable(WeeklyHoursSchema)),
  observeHolidays: Type.Optional(Type.Boolean()),
};

export const routingOutput = {
  dialCode: Nullable(Type.String()),
  ringStrategy: Type.String(),
  ringTimeoutSeconds: Type.Integer(),
  fallbackId: Nullable(Type.Integer()),
  weeklyHours: Nullable(WeeklyHoursSchema),
  observeHolidays: Type.Boolean(),
};

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
