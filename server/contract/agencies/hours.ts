// Opening hours as the console sends and reads them: weekly hours, dated overrides (/api/hours-overrides)
// and an agency's calendar (GET /api/agencies/:id/calendar).
import Type from "typebox";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

/** "HH:MM" Vietnam time; the hours module checks the value so its message can say what is wrong. `closes` may be "24:00". */
export const TimeRange = Type.Object(
  { opens: Type.String({ maxLength: 10 }), closes: Type.String({ maxLength: 10 }) },
  { additionalProperties: false },
);
export type TimeRange = WireOf<typeof TimeRange>;

const DayRanges = Type.Array(TimeRange, { maxItems: 12 });

/** Weekly hours keyed by weekday, Sunday = "0"; a missing day is closed. */
export const WeeklyHours = Type.Object(
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
export type WeeklyHours = WireOf<typeof WeeklyHours>;

/** A day off, or a day with its own hours, for one agency or (agencyId null) the whole province. */
export const HoursOverride = Type.Object({
  id: Type.Integer(),
  agencyId: Nullable(Type.Integer()),
  date: Type.String(),
  closed: Type.Boolean(),
  ranges: Type.Array(TimeRange),
  note: Nullable(Type.String()),
  createdAt: DateTime,
});
export type HoursOverride = WireOf<typeof HoursOverride>;

/** What the console shows for one calendar day. */
export const CalendarDay = Type.Object({
  date: Type.String(),
  weekday: Type.Integer(),
  open: Type.Boolean(),
  /** Sorted by opening time; empty when closed. */
  ranges: Type.Array(TimeRange),
  /** Which layer decided the day: an override beats a holiday, which beats the weekly hours. */
  reason: StringEnum(["weekly", "holiday", "override"]),
  /** Set whenever the date is a public holiday, even if an override decided the day. */
  holidayName: Type.Optional(Type.String()),
  /** The override's note, if any. */
  note: Type.Optional(Type.String()),
});
export type CalendarDay = WireOf<typeof CalendarDay>;

export const AgencyCalendar = Type.Object({
  agencyId: Type.Integer(),
  from: Type.String(),
  /** The agency whose weekly hours apply (itself or the nearest ancestor), null for the default office hours. */
  hoursFrom: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  observeHolidays: Type.Boolean(),
  days: Type.Array(CalendarDay),
});
export type AgencyCalendar = WireOf<typeof AgencyCalendar>;
