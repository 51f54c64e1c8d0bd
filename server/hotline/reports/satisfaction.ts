// The satisfaction report: per agency reached, calls, answer rate, waiting time and the survey's
// three levels, ranked by satisfaction among agencies with enough answers, plus the province total;
// beside them the line's figures (offered, abandoned in queue, waits, service level, talk time) and
// the staff's (wrap-up, occupancy: staff-figures.ts), per agency and per staff member.
// One grouped SQL statement (GROUPING SETS gives the agency rows and the total together); simulated
// calls (training, demos) are left out.

import type { Figures, SatisfactionReport } from "../../contract/hotline/reports.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import type { Period } from "./period.js";
import { type PresenceFigures, presenceFigures, staffRow, staffTotals } from "./staff-figures.js";
import { waitSql } from "./wait.js";

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
  const scope = visible ? Prisma.sql`AND c.agency_id = ANY(${visible}::int[])` : Prisma.empty;
  const rows = await db.$queryRaw<SqlRow[]>`
    WITH per AS (
      SELECT
        GROUPING(c.agency_id) = 1 AS is_total,
        c.agency_id,
        count(*)::int AS calls,
        count(*) FILTER (WHERE c.answered_at IS NOT NULL)::int AS answered,
        (avg(w.wait) FILTER (WHERE c.answered_at IS NOT NULL))::float8 AS average_wait_seconds,
        (percentile_cont(0.9) WITHIN GROUP (ORDER BY w.wait) FILTER (WHERE c.answered_at IS NOT NULL))::float8 AS p90_wait_seconds,
        count(*) FILTER (WHERE c.agency_id IS NOT NULL)::int AS offered,
        count(*) FILTER (WHERE c.queue_outcome = 'abandoned')::int AS abandoned_in_queue,
        count(*) FILTER (WHERE c.agency_id IS NOT NULL AND c.answered_at IS NOT NULL AND w.wait <= ${serviceLevelSeconds})::int AS answered_in_time,
        count(*) FILTER (WHERE c.agency_id IS NOT NULL AND (c.answered_at IS NOT NULL OR c.ended_at IS NOT NULL))::int AS settled,
        (avg(c.talk_seconds) FILTER (WHERE c.answered_at IS NOT NULL))::float8 AS average_talk_seconds,
        count(s.value)::int AS answers,
        count(*) FILTER (WHERE s.value = 1)::int AS very_satisfied,
        count(*) FILTER (WHERE s.value = 2)::int AS satisfied,
        count(*) FILTER (WHERE s.value = 3)::int AS dissatisfied,
        count(r.value)::int AS resolved_answers,
        count(*) FILTER (WHERE r.value = 1)::int AS resolved
      FROM calls c
      CROSS JOIN LATERAL (SELECT ${waitSql("c")} AS wait) w
      LEFT JOIN survey_answers s ON s.call_id = c.id AND s.question = 'satisfaction'
      LEFT JOIN survey_answers r ON r.call_id = c.id AND r.question = 'resolved'
      WHERE c.started_at >= ${period.start} AND c.started_at < ${period.end} AND NOT c.simulated ${scope}
      GROUP BY GROUPING SETS ((c.agency_id), ())
    ), rated AS (
      SELECT per.*,
        answered::float8 / NULLIF(calls, 0) AS answer_rate,
        (very_satisfied + satisfied)::float8 / NULLIF(answers, 0) AS satisfaction_rate,
        resolved::float8 / NULLIF(resolved_answers, 0) AS resolved_rate,
        (NOT is_total AND agency_id IS NOT NULL AND answers >= ${minAnswers}) AS rankable
      FROM per
    )
    SELECT rated.*, a.code AS agency_code, a.name AS agency_name,
      CASE WHEN rankable THEN (rank() OVER (PARTITION BY rankable ORDER BY satisfaction_rate DESC, answers DESC))::int END AS rank
    FROM rated LEFT JOIN agencies a ON a.id = rated.agency_id
    ORDER BY is_total, rank ASC NULLS LAST, answers DESC, calls DESC, a.name`;

  const total = rows.find((row) => row.is_total);
  const unrouted = rows.find((row) => !row.is_total && row.agency_id === null);
  const staff = await staffTotals(db, period, visible);
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
