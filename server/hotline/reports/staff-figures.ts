// Staff figures over a period, from what is stored: the calls each answered (the roll-ups per day
// and month, call_daily_staff_figures and call_monthly_staff_figures, which outlive call retention), and their presence
// changes read as a timeline (each state lasts until the next change, or the end of the period, or
// now). The state at the period's start is the last change before it. Logged in is any state but
// offline; occupancy is time on a call or in wrap-up over that; the mean wrap-up is the wrap-up time
// over the wrap-up periods (cut at the period's edges, like every other time here).
import type { StaffRow } from "../../contract/hotline/reports.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { serialRows } from "../../platform/db/plain-sql.js";
import { type Period, today } from "./period.js";
import { partsSql, periodParts } from "./period-parts.js";
import { STAFF_COSTS, STAFF_TABLES } from "./rollup-tables.js";

export interface StaffTotals {
  staffId: number;
  name: string;
  agencyId: number;
  agencyName: string;
  answered: number;
  talkSeconds: number;
  /** Answered calls with a talk time recorded. */
  talked: number;
  loggedInSeconds: number;
  busySeconds: number;
  wrapUpSeconds: number;
  wrapUps: number;
}

/** Presence figures of a group of staff members together (an agency, the total). */
export interface PresenceFigures {
  averageWrapUpSeconds: number | null;
  occupancy: number | null;
}

export function presenceFigures(staff: readonly StaffTotals[]): PresenceFigures {
  const sum = (pick: (row: StaffTotals) => number) => staff.reduce((total, row) => total + pick(row), 0);
  const loggedIn = sum((row) => row.loggedInSeconds);
  const wrapUps = sum((row) => row.wrapUps);
  return {
    averageWrapUpSeconds: wrapUps === 0 ? null : sum((row) => row.wrapUpSeconds) / wrapUps,
    occupancy: loggedIn === 0 ? null : sum((row) => row.busySeconds) / loggedIn,
  };
}

export function staffRow(row: StaffTotals): StaffRow {
  return {
    staffId: row.staffId,
    name: row.name,
    agencyName: row.agencyName,
    answered: row.answered,
    averageTalkSeconds: row.talked === 0 ? null : row.talkSeconds / row.talked,
    ...presenceFigures([row]),
    loggedInSeconds: row.loggedInSeconds,
  };
}

/**
 * Every staff member of the visible agencies (null: all) who logged in or answered a (real) call in
 * the period, with their totals. The period ends at `now` if it has not ended yet.
 */
export async function staffTotals(db: Db, period: Period, visible: number[] | null, now = new Date()): Promise<StaffTotals[]> {
  const end = new Date(Math.min(period.end.getTime(), now.getTime()));
  const scope = visible ? Prisma.sql`AND u.agency_id = ANY(${visible}::int[])` : Prisma.empty;
  return serialRows<StaffTotals>(
    db,
    Prisma.sql`
    WITH staff AS (
      SELECT u.id, u.name, u.agency_id, a.name AS agency_name FROM users u JOIN agencies a ON a.id = u.agency_id WHERE true ${scope}
    ), changes AS (
      SELECT p.user_id, p.state, p.at, p.id FROM presence_changes p JOIN staff s ON s.id = p.user_id
      WHERE p.at >= ${period.start} AND p.at < ${end}
      UNION ALL
      SELECT * FROM (
        SELECT DISTINCT ON (p.user_id) p.user_id, p.state, ${period.start}::timestamptz AS at, p.id
        FROM presence_changes p JOIN staff s ON s.id = p.user_id
        WHERE p.at < ${period.start}
        ORDER BY p.user_id, p.at DESC, p.id DESC
      ) before_start
    ), spans AS (
      SELECT user_id, state,
        EXTRACT(EPOCH FROM LEAD(at, 1, ${end}::timestamptz) OVER (PARTITION BY user_id ORDER BY at, id) - at)::float8 AS seconds
      FROM changes
    ), presence AS (
      SELECT user_id,
        COALESCE(sum(seconds) FILTER (WHERE state <> 'offline'), 0)::float8 AS logged_in,
        COALESCE(sum(seconds) FILTER (WHERE state IN ('on_call', 'wrap_up')), 0)::float8 AS busy,
        COALESCE(sum(seconds) FILTER (WHERE state = 'wrap_up'), 0)::float8 AS wrap_up,
        count(*) FILTER (WHERE state = 'wrap_up' AND seconds > 0)::int AS wrap_ups
      FROM spans GROUP BY user_id
    ), answered AS (
      SELECT f.staff_id AS user_id, sum(f.sign * f.answered)::int AS answered, sum(f.sign * f.talk_sum)::float8 AS talk,
        sum(f.sign * f.talked)::int AS talked
      FROM (${partsSql(periodParts(period.from, period.to, today(now), STAFF_COSTS), STAFF_TABLES, "staff_id, answered, talk_sum, talked", Prisma.empty)}) f
      JOIN staff s ON s.id = f.staff_id
      GROUP BY f.staff_id
    )
    SELECT s.id AS "staffId", s.name, s.agency_id AS "agencyId", s.agency_name AS "agencyName",
      COALESCE(a.answered, 0) AS answered, COALESCE(a.talk, 0) AS "talkSeconds", COALESCE(a.talked, 0) AS talked,
      COALESCE(p.logged_in, 0) AS "loggedInSeconds", COALESCE(p.busy, 0) AS "busySeconds",
      COALESCE(p.wrap_up, 0) AS "wrapUpSeconds", COALESCE(p.wrap_ups, 0) AS "wrapUps"
    FROM staff s
    LEFT JOIN presence p ON p.user_id = s.id
    LEFT JOIN answered a ON a.user_id = s.id
    WHERE COALESCE(p.logged_in, 0) > 0 OR COALESCE(a.answered, 0) > 0
    ORDER BY s.agency_name, s.name`,
  );
}
