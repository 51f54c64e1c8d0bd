// Opening hours in the console's agency form (the API's shapes are in server/contract/agencies/hours.ts).
import type { WeeklyHours } from "../../../../server/contract/agencies/hours";

/** Monday first, as Vietnamese calendars show the week. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 0] as const;

/** The usual office hours, the starting point when an agency stops inheriting. */
export const OFFICE_WEEK: WeeklyHours = Object.fromEntries(
  [0, 1, 2, 3, 4, 5, 6].map((day) => [
    day,
    day === 0 || day === 6
      ? []
      : [
          { opens: "07:30", closes: "11:30" },
          { opens: "13:30", closes: "17:00" },
        ],
  ]),
);

/** react-hook-form may turn the numeric weekday keys into an array; the API wants an object. */
export function weekAsObject(week: unknown): WeeklyHours | null {
  if (week == null) return null;
  if (Array.isArray(week)) return Object.fromEntries(week.map((ranges, day) => [day, ranges ?? []]));
  return week as WeeklyHours;
}
