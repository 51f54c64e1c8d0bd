// Opening hours for tests on the real clock: calls route the same whatever time the tests run.
import type { Db } from "../../server/platform/db/client.js";

type Ranges = { opens: string; closes: string }[];

export const ALL_DAY: Ranges = [{ opens: "00:00", closes: "24:00" }];

/** The same ranges on every day of the week, Sunday (0) to Saturday (6), as agencies.weekly_hours holds them. */
export const everyDay = (ranges: Ranges) => ({ 0: ranges, 1: ranges, 2: ranges, 3: ranges, 4: ranges, 5: ranges, 6: ranges });

export const OPEN_ALL_WEEK = everyDay(ALL_DAY);
export const CLOSED_ALL_WEEK = everyDay([]);

/**
 * The demo province's (GL) weekly hours, which every agency without its own inherits; holidays
 * observed or not by every agency; no dated overrides. A running app caches the routing snapshot:
 * call `app.callRouting.invalidate()` after.
 */
export async function setProvinceHours(db: Db, weekly: ReturnType<typeof everyDay>, observeHolidays = false): Promise<void> {
  await db.agency.update({ where: { code: "GL" }, data: { weeklyHours: weekly } });
  await db.agency.updateMany({ data: { observeHolidays } });
  await db.hoursOverride.deleteMany();
}

/** Opens the whole demo province around the clock. */
export const openAllWeek = (db: Db) => setProvinceHours(db, OPEN_ALL_WEEK);
