// The hours model copies Amazon Connect's: one time zone (always Asia/Ho_Chi_Minh here), weekly
// hours, and dated overrides on top; Vietnamese public holidays sit between the two.

import type { Weekday } from "../../clock/vietnam-time.js";

/** Local Vietnam time, "HH:MM". `closes` may be "24:00" for a range that runs to midnight. */
export interface TimeRange {
  opens: string;
  closes: string;
}

/** Several ranges a day are allowed (morning and afternoon with a lunch break); none means closed. */
export type WeeklyHours = Record<Weekday, readonly TimeRange[]>;

/** A day off (`closed: true`), or a day with its own hours such as a swapped working Saturday. */
export type HoursOverride =
  | { date: string; closed: true; note?: string }
  | { date: string; closed: false; ranges: readonly TimeRange[]; note?: string };

export interface Schedule {
  weekly: WeeklyHours;
  overrides: readonly HoursOverride[];
  /** Close on Vietnamese public holidays (and their compensatory days off). */
  observeHolidays: boolean;
}

/** What the console shows for one calendar day. */
export interface DayDescription {
  date: string;
  open: boolean;
  /** Sorted by opening time; empty when closed. */
  ranges: TimeRange[];
  /** Which layer decided the day: an override beats a holiday, which beats the weekly hours. */
  reason: "weekly" | "holiday" | "override";
  /** Set whenever the date is a public holiday, even if an override decided the day. */
  holidayName?: string;
  /** The override's note, if any. */
  note?: string;
}
