// The call log's total (Content-Range: the console's page count, the home page's count cards). A
// filter of nothing but a period, the kind of call (simulated) and an agency, for a reader who sees
// every call, is counted from call_daily_counts (the calls stored now per Vietnam day, agency and
// kind, kept by triggers: migration 20261206100000_report_rollup_periods) for the whole days, plus
// the calls themselves in the part-days at its edges when its bounds are instants: exactly what
// counting the calls gives, without walking a month's 200,000 index entries. Any other filter counts
// the calls.
import { addDays, vietnamClock, vietnamInstant } from "../../clock/vietnam-time.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { serialRows } from "../../platform/db/plain-sql.js";
import { booleanFilter, integerFilter, stringFilter } from "../../platform/http/list-query.js";
import { boundOf } from "../reports/period.js";

const FROM_ROLLUP = new Set(["from", "to", "simulated", "agencyId"]);

const given = (value: unknown) => value !== undefined && value !== null && value !== "";

/** Whether the total of this (already validated) filter can be read from the day counts. */
export function countedByDay(filter: Record<string, unknown>): boolean {
  return Object.entries(filter).every(([key, value]) => !given(value) || FROM_ROLLUP.has(key));
}

/** The Vietnam day an instant falls in, and whether it is that day's first instant. */
function dayOf(instant: Date): { day: string; atMidnight: boolean } {
  const { date } = vietnamClock(instant);
  return { day: date, atMidnight: vietnamInstant(date, 0).getTime() === instant.getTime() };
}

/**
 * The total of a filter countedByDay accepts, or null when it spans no whole day (then counting the
 * calls is as cheap).
 */
export async function totalByDay(db: Db, filter: Record<string, unknown>): Promise<number | null> {
  const fromValue = stringFilter(filter, "from");
  const toValue = stringFilter(filter, "to");
  const from = fromValue === undefined ? undefined : boundOf(fromValue, "from");
  const to = toValue === undefined ? undefined : boundOf(toValue, "to");
  const simulated = booleanFilter(filter, "simulated");
  const agencyId = integerFilter(filter, "agencyId");

  // Whole days [firstDay, lastDay]; the part-days before and after them, counted from the calls.
  let firstDay: string | undefined;
  let head: Prisma.Sql | undefined;
  if (from && "gte" in from) {
    const { day, atMidnight } = dayOf(from.gte);
    firstDay = atMidnight ? day : addDays(day, 1);
    if (!atMidnight) head = Prisma.sql`started_at >= ${from.gte} AND started_at < ${vietnamInstant(firstDay, 0)}`;
  }
  let lastDay: string | undefined;
  let tail: Prisma.Sql | undefined;
  if (to && ("lt" in to || "lte" in to)) {
    const end = "lt" in to ? to.lt : to.lte;
    const { day, atMidnight } = dayOf(end);
    lastDay = addDays(day, -1);
    const dayStart = vietnamInstant(day, 0);
    if ("lte" in to) tail = Prisma.sql`started_at >= ${dayStart} AND started_at <= ${end}`;
    else if (!atMidnight) tail = Prisma.sql`started_at >= ${dayStart} AND started_at < ${end}`;
  }
  if (firstDay !== undefined && lastDay !== undefined && firstDay > lastDay) return null;

  const dayRange = Prisma.join(
    [
      Prisma.sql`true`,
      ...(firstDay === undefined ? [] : [Prisma.sql`day >= ${firstDay}::date`]),
      ...(lastDay === undefined ? [] : [Prisma.sql`day <= ${lastDay}::date`]),
      ...(simulated === undefined ? [] : [Prisma.sql`simulated = ${simulated}`]),
      ...(agencyId === undefined ? [] : [Prisma.sql`agency_key = ${agencyId}::int`]),
    ],
    " AND ",
  );
  const callFilter = Prisma.join(
    [
      Prisma.sql`true`,
      ...(simulated === undefined ? [] : [Prisma.sql`simulated = ${simulated}`]),
      ...(agencyId === undefined ? [] : [Prisma.sql`agency_id = ${agencyId}::int`]),
    ],
    " AND ",
  );
  const edge = (range: Prisma.Sql | undefined) =>
    range ? Prisma.sql`(SELECT count(*) FROM calls WHERE ${range} AND ${callFilter})` : Prisma.sql`0`;
  const [row] = await serialRows<{ total: number }>(
    db,
    Prisma.sql`
    SELECT ((SELECT COALESCE(sum(calls), 0) FROM call_daily_counts WHERE ${dayRange}) + ${edge(head)} + ${edge(tail)})::int AS total`,
  );
  return row?.total ?? 0;
}
