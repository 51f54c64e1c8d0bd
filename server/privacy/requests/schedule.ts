// The province's schedule, which a request's working days are counted on: the root agency's (the
// province), with its weekly hours, the public holidays and the province-wide dated overrides, read
// through the same loader as case deadlines.
import type { Schedule } from "../../agencies/hours/types.js";
import { loadSchedules } from "../../hotline/cases/schedules.js";
import type { Db } from "../../platform/db/client.js";

export async function provinceSchedule(db: Db, since: Date): Promise<Schedule> {
  const [schedules, root] = await Promise.all([
    loadSchedules(db, since),
    db.agency.findFirst({ where: { parentId: null }, orderBy: { id: "asc" }, select: { id: true } }),
  ]);
  // No agency yet: the default office hours with the province-wide overrides (scheduleOf's fallback).
  return schedules(root?.id ?? 0);
}
