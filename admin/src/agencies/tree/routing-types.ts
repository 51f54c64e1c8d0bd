// Routing fields of an agency and its calendar preview, as the API returns them.
import type { Agency } from "../../types";

export interface TimeRange {
  opens: string;
  closes: string;
}

/** Keyed by weekday, Sunday = 0; null inherits the parent's hours. */
export type WeeklyHours = Partial<Record<0 | 1 | 2 | 3 | 4 | 5 | 6, TimeRange[]>>;

export interface AgencyRouting extends Agency {
  dialCode: string | null;
  ringStrategy: "simultaneous" | "sequential";
  ringTimeoutSeconds: number;
  fallbackId: number | null;
  weeklyHours: WeeklyHours | null;
  observeHolidays: boolean;
}

export interface CalendarDay {
  date: string;
  weekday: number;
  open: boolean;
  ranges: TimeRange[];
  reason: "weekly" | "holiday" | "override";
  holidayName?: string;
  note?: string;
}

export interface AgencyCalendar {
  agencyId: number;
  from: string;
  hoursFrom: { id: number; name: string } | null;
  observeHolidays: boolean;
  days: CalendarDay[];
}

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
