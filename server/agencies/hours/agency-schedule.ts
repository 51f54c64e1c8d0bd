// An agency's opening schedule as the hours module evaluates it: its own weekly hours or the
// nearest ancestor's (communes inherit the province's unless they set their own), the default office
// hours when nobody in the chain set any, and its own plus province-wide dated overrides.
import { DEFAULT_OFFICE_SCHEDULE } from "./default-schedule.js";
import type { HoursOverride, Schedule, TimeRange, WeeklyHours } from "./types.js";

export interface AgencyHoursRow {
  id: number;
  parentId: number | null;
  weeklyHours: unknown;
  observeHolidays: boolean;
}

export interface OverrideRow {
  agencyId: number | null;
  date: Date;
  closed: boolean;
  ranges: unknown;
  note: string | null;
}

export function toOverride(row: OverrideRow): HoursOverride {
  const date = row.date.toISOString().slice(0, 10);
  const note = row.note ? { note: row.note } : {};
  return row.closed ? { date, closed: true, ...note } : { date, closed: false, ranges: (row.ranges ?? []) as TimeRange[], ...note };
}

export function scheduleOf(agencyId: number, agencies: ReadonlyMap<number, AgencyHoursRow>, overrides: readonly OverrideRow[]): Schedule {
  const own = agencies.get(agencyId);
  let weekly: WeeklyHours | null = null;
  const seen = new Set<number>();
  for (let current = own; current && !seen.has(current.id); current = current.parentId ? agencies.get(current.parentId) : undefined) {
    seen.add(current.id);
    if (current.weeklyHours) {
      weekly = current.weeklyHours as WeeklyHours;
      break;
    }
  }
  // An agency's own override for a date beats a province-wide one.
  const byDate = new Map<string, HoursOverride>();
  for (const row of overrides.filter((o) => o.agencyId === null)) byDate.set(toOverride(row).date, toOverride(row));
  for (const row of overrides.filter((o) => o.agencyId === agencyId)) byDate.set(toOverride(row).date, toOverride(row));
  return {
    weekly: weekly ?? DEFAULT_OFFICE_SCHEDULE.weekly,
    overrides: [...byDate.values()],
    observeHolidays: own?.observeHolidays ?? true,
  };
}
