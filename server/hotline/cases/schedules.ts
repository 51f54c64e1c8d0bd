// The opening schedules the deadlines count working days on, read from the database: every agency's
// own or inherited weekly hours and the dated overrides (agencies/hours/agency-schedule.ts).
import { type AgencyHoursRow, type OverrideRow, scheduleOf } from "../../agencies/hours/agency-schedule.js";
import type { Schedule } from "../../agencies/hours/types.js";

/** The client or a transaction: only these two reads. */
interface Reader {
  agency: { findMany(args: { select: { id: true; parentId: true; weeklyHours: true; observeHolidays: true } }): Promise<AgencyHoursRow[]> };
  hoursOverride: { findMany(args: { where: { date: { gte: Date } } }): Promise<OverrideRow[]> };
}

/** One read of the agencies and of the overrides from `since` on; then a schedule per agency id. */
export async function loadSchedules(db: Reader, since: Date): Promise<(agencyId: number) => Schedule> {
  const [agencies, overrides] = await Promise.all([
    db.agency.findMany({ select: { id: true, parentId: true, weeklyHours: true, observeHolidays: true } }),
    db.hoursOverride.findMany({ where: { date: { gte: new Date(since.getTime() - 2 * 86_400_000) } } }),
  ]);
  const byId = new Map(agencies.map((agency) => [agency.id, agency]));
  const cache = new Map<number, Schedule>();
  return (agencyId) => {
    let schedule = cache.get(agencyId);
    if (!schedule) {
      schedule = scheduleOf(agencyId, byId, overrides);
      cache.set(agencyId, schedule);
    }
    return schedule;
  };
}
