// The satisfaction report: per agency reached, calls, answer rate, waiting time and the survey's
// three levels, ranked by satisfaction among agencies with enough answers, plus the province total;
// beside them the line's figures (offered, abandoned in queue, waits, service level, talk time) and
// the staff's (wrap-up, occupancy: staff-figures.ts), per agency and per staff member.
// One grouped SQL statement over the roll-ups kept by triggers (GROUPING SETS gives the agency rows
// and the total together); simulated calls (training, demos) are left out. Calls deleted by
// retention stay counted: a past month's figures do not change.

import { addDays } from "../../clock/vietnam-time.js";
import type { Figures, SatisfactionReport } from "../../contract/hotline/reports.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import type { Period } from "./period.js";
import { type PresenceFigures, presenceFigures, staffRow, staffTotals } from "./staff-figures.js";

/** The province's goal: at least 90% of citizens satisfied (plan 2025–2030). */
export const SATISFACTION_TARGET = 0.9;

interface SqlRow {
  is_total: boolean;
  agency_id: number | null;
  agency_code: string | null;
  agency_name: string | null;
  calls: number;
  answered: number;
  answer_rate: number | null;
  average_wait_seconds: number | null;
  answers: number;
  very_satisfied: number;
  satisfied: number;
  dissatisfied: number;
  satisfaction_rate: number | null;
  resolved_answers: number;
  resolved: number;
  resolved_rate: number | null;
  rank: number | null;
  offered: number;
  abandoned_in_queue: number;
  p90_wait_seconds: number | null;
  answered_in_time: number;
  settled: number;
  average_talk_seconds: number | null;
}

const EMPTY: Figures = {
  calls: 0,
  answered: 0,
  answerRate: null,
  averageWaitSeconds: null,
  answers: 0,
  verySatisfied: 0,
  satisfied: 0,
  dissatisfied: 0,
  satisfactionRate: null,
  resolvedAnswers: 0,
  resolvedRate: null,
  offered: 0,
  abandonedInQueue: 0,
  p90WaitSeconds: null,
  serviceLevel: null,
  averageTalkSeconds: null,
  averageWrapUpSeconds: null,
  occupancy: null,
};

const figures = (row: SqlRow, presence: PresenceFigures | null): Figures => ({
  calls: row.calls,
  answered: row.answered,
  answerRate: row.answer_rate,
  averageWaitSeconds: row.average_wait_seconds,
  answers: row.answers,
  verySatisfied: row.very_satisfied,
  satisfied: row.satisfied,
  dissatisfied: row.dissatisfied,
  satisfactionRate: row.satisfaction_rate,
  resolvedAnswers: row.resolved_answers,
  resolvedRate: row.resolved_rate,
  offered: row.offered,
  abandonedInQueue: row.abandoned_in_queue,
  p90WaitSeconds: row.p90_wait_seconds,
  serviceLevel: row.settled === 0 ? null : row.answered_in_time / row.settled,
  averageTalkSeconds: row.average_talk_seconds,
  averageWrapUpSeconds: presence?.averageWrapUpSeconds ?? null,
  occupancy: presence?.occupancy ?? null,
});

const firstOfNextMonth = (day: string) => {
  const [year, month] = day.split("-").map(Number) as [number, number];
  return month === 12 ? `${year + 1}-01-01` : `${year}-${String(month + 1).padStart(2, "0")}-01`;
};

/**
 * A period of days as the wait histograms read it: the whole months inside it from the monthly
 * table ([monthsStart, monthsEnd)), the days before them ([from, headEnd)) and after them
 * ([tailStart, to]) from the daily one; each part a range of its table's key, so an index scan.
 */
export function monthSplit(from: string, to: string): { headEnd: string; monthsStart: string; monthsEnd: string; tailStart: string } {
  const after = addDays(to, 1);
  const monthsStart = from.endsWith("-01") ? from : firstOfNextMonth(from);
  const monthsEnd = `${after.slice(0, 7)}-01`;
  if (monthsStart >= monthsEnd) return { headEnd: after, monthsStart: after, monthsEnd: after, tailStart: after };
  return { headEnd: monthsStart, monthsStart, monthsEnd, tailStart: monthsEnd };
}

/**
 * @param serviceLevelSeconds the wait within which an answer counts for the service level.
 * @param visible agency ids the reader may see, or null for the whole province (then calls that
 *   reached no agency count in the total too).
 */
export async function satisfactionReport(
  db: Db,
  period: Period,
  minAnswers: number,
  visible: number[] | null,
  serviceLevelSeconds: number,
): Promise<SatisfactionReport> {
  const scope = visible ? Prisma.sql`AND agency_key = ANY(${visible}::int[])` : Prisma.empty;
  const from = Prisma.sql`${period.from}::date`;
  const to = Prisma.sql`${period.to}::date`;
  const split = monthSplit(period.from, period.to);
  // Figures from the roll-ups (migration 20261205130000_report_rollups): day × agency sums, and the
  // waits of answered calls as a histogram (whole months from the monthly one: monthSplit). The p90
  // is percentile_cont's own formula (interpolating between the values at floor and ceil of
  // 0.9 × (n − 1)) applied to the histogram, so it equals the percentile over the calls.
  // The staff figures are independent: read them at the same time on another connection.
  const staffRead = staffTotals(db, period, visible);
  // Awaited below; if the main query fails first, its failure is the one reported.
  staffRead.catch(() => undefined);
  const rows = await db.$queryRaw<SqlRow[]>`
    WITH hist AS (
      SELECT agency_key, wait, sum(calls)::float8 AS n FROM (
        SELECT agency_key, wait, calls FROM call_daily_waits WHERE day >= ${from} AND day < ${split.headEnd}::date ${scope}
        UNION ALL
        SELECT agency_key, wait, calls FROM call_monthly_waits WHERE month >= ${split.monthsStart}::date AND month < ${split.monthsEnd}::date ${scope}
        UNION ALL
        SELECT agency_key, wait, calls FROM call_daily_waits WHERE day >= ${split.tailStart}::date AND day <= ${to} ${scope}
      ) parts GROUP BY agency_key, wait HAVING sum(calls) > 0
    ), grouped AS (
      SELECT GROUPING(agency_key) = 1 AS is_total, agency_key, wait, sum(n) AS n,
        sum(n) FILTER (WHERE agency_key <> 0) AS n_routed
      FROM hist GROUP BY GROUPING SETS ((agency_key, wait), (wait))
    ), cumulative AS (
      SELECT is_total, agency_key, wait, n, n_routed,
        sum(n) OVER (PARTITION BY is_total, agency_key ORDER BY wait) - n AS before,
        0.9::float8 * (sum(n) OVER (PARTITION BY is_total, agency_key) - 1) AS pos
      FROM grouped
    ), waits AS (
      SELECT is_total, agency_key,
        sum(n * wait) / NULLIF(sum(n), 0) AS average_wait_seconds,
        COALESCE(sum(n_routed) FILTER (WHERE wait <= ${serviceLevelSeconds}), 0)::int AS answered_in_time,
        max(wait) FILTER (WHERE before <= floor(pos) AND floor(pos) < before + n)
          + (pos - floor(pos)) * (max(wait) FILTER (WHERE before <= ceil(pos) AND ceil(pos) < before + n)
            - max(wait) FILTER (WHERE before <= floor(pos) AND floor(pos) < before + n)) AS p90_wait_seconds
      FROM cumulative GROUP BY is_total, agency_key, pos
    ), per AS (
      SELECT
        GROUPING(f.agency_key) = 1 AS is_total,
        NULLIF(f.agency_key, 0) AS agency_id,
        f.agency_key,
        sum(f.calls)::int AS calls,
        sum(f.answered)::int AS answered,
        COALESCE(sum(f.calls) FILTER (WHERE f.agency_key <> 0), 0)::int AS offered,
        sum(f.abandoned_in_queue)::int AS abandoned_in_queue,
        COALESCE(sum(f.settled) FILTER (WHERE f.agency_key <> 0), 0)::int AS settled,
        (sum(f.talk_sum)::float8 / NULLIF(sum(f.talked), 0)) AS average_talk_seconds,
        sum(f.answers)::int AS answers,
        sum(f.very_satisfied)::int AS very_satisfied,
        sum(f.satisfied)::int AS satisfied,
        sum(f.dissatisfied)::int AS dissatisfied,
        sum(f.resolved_answers)::int AS resolved_answers,
        sum(f.resolved)::int AS resolved
      FROM call_daily_figures f
      WHERE f.day >= ${from} AND f.day <= ${to} ${scope}
      GROUP BY GROUPING SETS ((f.agency_key), ())
      HAVING sum(f.calls) > 0
    ), rated AS (
      SELECT per.*, w.average_wait_seconds, w.p90_wait_seconds, COALESCE(w.answered_in_time, 0) AS answered_in_time,
        answered::float8 / NULLIF(calls, 0) AS answer_rate,
        (very_satisfied + satisfied)::float8 / NULLIF(answers, 0) AS satisfaction_rate,
        resolved::float8 / NULLIF(resolved_answers, 0) AS resolved_rate,
        (NOT per.is_total AND per.agency_id IS NOT NULL AND answers >= ${minAnswers}) AS rankable
      FROM per LEFT JOIN waits w ON w.is_total = per.is_total AND (per.is_total OR w.agency_key = per.agency_key)
    )
    SELECT rated.*, a.code AS agency_code, a.name AS agency_name,
      CASE WHEN rankable THEN (rank() OVER (PARTITION BY rankable ORDER BY satisfaction_rate DESC, answers DESC))::int END AS rank
    FROM rated LEFT JOIN agencies a ON a.id = rated.agency_id
    ORDER BY is_total, rank ASC NULLS LAST, answers DESC, calls DESC, a.name`;

  const total = rows.find((row) => row.is_total);
  const unrouted = rows.find((row) => !row.is_total && row.agency_id === null);
  const staff = await staffRead;
  const ofAgency = (agencyId: number) => presenceFigures(staff.filter((member) => member.agencyId === agencyId));
  return {
    from: period.from,
    to: period.to,
    minAnswers,
    target: SATISFACTION_TARGET,
    serviceLevelSeconds,
    rows: rows
      .filter((row) => !row.is_total && row.agency_id !== null)
      .map((row) => ({
        agencyId: row.agency_id as number,
        agencyCode: row.agency_code ?? "",
        agencyName: row.agency_name ?? "",
        rank: row.rank,
        ...figures(row, ofAgency(row.agency_id as number)),
      })),
    staff: staff.map(staffRow),
    unrouted: unrouted ? figures(unrouted, null) : null,
    total: total ? figures(total, presenceFigures(staff)) : { ...EMPTY, ...presenceFigures(staff) },
  };
}
