// When an agency next opens, and when some of its opening time has passed, read from the database:
// for the due time of callback requests.
import type { Prisma } from "../../generated/prisma/client.js";
import { scheduleOf } from "./agency-schedule.js";
import { afterOpenTime } from "./schedule.js";

type Reader = Pick<Prisma.TransactionClient, "agency" | "hoursOverride">;

/** The first moment at or after `from` when the agency is open (its own, inherited or default hours). */
export function nextOpeningOf(db: Reader, agencyId: number, from: Date): Promise<Date | null> {
  return afterOpenTimeOf(db, agencyId, from, 0);
}

/** The moment when `minutes` of the agency's opening time have passed since `from`. */
export async function afterOpenTimeOf(db: Reader, agencyId: number, from: Date, minutes: number): Promise<Date | null> {
  const [agencies, overrides] = await Promise.all([
    db.agency.findMany({ select: { id: true, parentId: true, weeklyHours: true, observeHolidays: true } }),
    db.hoursOverride.findMany({ where: { OR: [{ agencyId }, { agencyId: null }], date: { gte: new Date(from.getTime() - 86_400_000) } } }),
  ]);
  return afterOpenTime(scheduleOf(agencyId, new Map(agencies.map((a) => [a.id, a])), overrides), from, minutes);
}
