// When an agency next opens, read from the database: for the due time of callback requests.
import type { Prisma } from "../../generated/prisma/client.js";
import { scheduleOf } from "./agency-schedule.js";
import { nextOpening } from "./schedule.js";

type Reader = Pick<Prisma.TransactionClient, "agency" | "hoursOverride">;

/** The first moment at or after `from` when the agency is open (its own, inherited or default hours). */
export async function nextOpeningOf(db: Reader, agencyId: number, from: Date): Promise<Date | null> {
  const [agencies, overrides] = await Promise.all([
    db.agency.findMany({ select: { id: true, parentId: true, weeklyHours: true, observeHolidays: true } }),
    db.hoursOverride.findMany({ where: { OR: [{ agencyId }, { agencyId: null }], date: { gte: new Date(from.getTime() - 86_400_000) } } }),
  ]);
  return nextOpening(scheduleOf(agencyId, new Map(agencies.map((a) => [a.id, a])), overrides), from);
}
