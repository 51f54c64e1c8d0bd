// The satisfaction report: per agency reached, calls, answer rate, waiting time and the survey's
// three levels, ranked by satisfaction among agencies with enough answers, plus the province total;
// beside them the line's figures (offered, abandoned in queue, waits, service level, talk time) and
// the staff's (wrap-up, occupancy: staff-figures.ts), per agency and per staff member.
// Read from the roll-ups kept by triggers, as signed parts of their day, month (and year) tables
// (period-parts.ts): one grouped statement for the figures and the ranking (GROUPING SETS gives the
// agency rows and the total together), one for the wait histograms (wait-histogram.ts computes the
// wait figures from them), one for the staff, at the same time. Simulated calls (training, demos)
// are left out. Calls deleted by retention stay counted: a past month's figures do not change.

import type { Figures, SatisfactionReport } from "../../contract/hotline/reports.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { serialRows } from "../../platform/db/plain-sql.js";
import { type Period, today } from "./period.js";
import { type PeriodPart, partsSql, periodParts } from "./period-parts.js";
import { FIGURE_COSTS, FIGURE_TABLES, WAIT_COSTS, WAIT_TABLES } from "./rollup-tables.js";
import { type PresenceFigures, presenceFigures, staffRow, staffTotals } from "./staff-figures.js";
import {
  agencyHistograms,
  mergedHistogram,
  type SignedHistogramRows,
  type WaitFigures,
  type WaitHistogram,
  waitFigures,
} from "./wait-histogram.js";

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
  settled: number;
  average_talk_seconds: number | null;
}

const FIGURE_COLUMNS =
  "agency_key, calls, answered, abandoned_in_queue, settled, talk_sum, talked, answers, very_satisfied, satisfied, dissatisfied, resolved_answers, resolved";

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

const NO_WAITS: WaitFigures = { averageWaitSeconds: null, p90WaitSeconds: null, answeredInTime: 0 };

const figures = (row: SqlRow, waits: WaitFigures, presence: PresenceFigures | null): Figures => ({
  calls: row.calls,
  answered: row.answered,
  answerRate: row.answer_rate,
  averageWaitSeconds: waits.averageWaitSeconds,
  answers: row.answers,
  verySatisfied: row.very_satisfied,
  satisfied: row.satisfied,
  dissatisfied: row.dissatisfied,
  satisfactionRate: row.satisfaction_rate,
  resolvedAnswers: row.resolved_answers,
  resolvedRate: row.resolved_rate,
  offered: row.offered,
  abandonedInQueue: row.abandoned_in_queue,
  p90WaitSeconds: waits.p90WaitSeconds,
  serviceLevel: row.settled === 0 ? null : waits.answeredInTime / row.settled,
  averageTalkSeconds: row.average_talk_seconds,
  averageWrapUpSeconds: presence?.averageWrapUpSeconds ?? null,
  occupancy: presence?.occupancy ?? null,
});

/** The figures summed over the parts of the day and month tables (alias f), with their rates. */
const FIGURE_SUMS = Prisma.raw(`
  sum(f.sign * f.calls)::int AS calls,
  sum(f.sign * f.answered)::int AS answered,
  COALESCE(sum(f.sign * f.calls) FILTER (WHERE f.agency_key <> 0), 0)::int AS offered,
  sum(f.sign * f.abandoned_in_queue)::int AS abandoned_in_queue,
  COALESCE(sum(f.sign * f.settled) FILTER (WHERE f.agency_key <> 0), 0)::int AS settled,
  (sum(f.sign * f.talk_sum)::float8 / NULLIF(sum(f.sign * f.talked), 0)) AS average_talk_seconds,
  sum(f.sign * f.answers)::int AS answers,
  sum(f.sign * f.very_satisfied)::int AS very_satisfied,
  sum(f.sign * f.satisfied)::int AS satisfied,
  sum(f.sign * f.dissatisfied)::int AS dissatisfied,
  sum(f.sign * f.resolved_answers)::int AS resolved_answers,
  sum(f.sign * f.resolved)::int AS resolved,
  sum(f.sign * f.answered)::float8 / NULLIF(sum(f.sign * f.calls), 0) AS answer_rate,
  sum(f.sign * (f.very_satisfied + f.satisfied))::float8 / NULLIF(sum(f.sign * f.answers), 0) AS satisfaction_rate,
  sum(f.sign * f.resolved)::float8 / NULLIF(sum(f.sign * f.resolved_answers), 0) AS resolved_rate`);

/** How to read a period: its parts in each family of tables, and the reader's scope. */
function reading(period: Period, visible: number[] | null) {
  const day = today();
  return {
    scope: visible ? Prisma.sql`AND agency_key = ANY(${visible}::int[])` : Prisma.empty,
    figureParts: periodParts(period.from, period.to, day, FIGURE_COSTS),
    waitParts: periodParts(period.from, period.to, day, WAIT_COSTS),
  };
}

/**
 * The wait histograms of the parts, per part and agency (grouped within each part: a few dozen
 * groups hashed, where grouping the parts' union sorted all its rows), as JSON arrays (JSON.parse
 * reads thousands of values several times faster than pg's array parser); added up per agency here
 * (agencyHistograms), which costs less than grouping and sorting them in SQL.
 */
function histogramsRead(db: Db, parts: PeriodPart[], scope: Prisma.Sql): Promise<Map<number, WaitHistogram>> {
  return serialRows<SignedHistogramRows>(
    db,
    partsSql(parts, WAIT_TABLES, "agency_key, json_agg(wait) AS waits, json_agg(calls) AS counts", scope, "agency_key"),
  ).then(agencyHistograms);
}

/** The service level counts calls that reached an agency: agency 0's answers in time count nowhere. */
function agencyWaits(histograms: Map<number, WaitHistogram>, agencyKey: number, serviceLevelSeconds: number): WaitFigures {
  const histogram = histograms.get(agencyKey);
  const waits = histogram ? waitFigures(histogram, serviceLevelSeconds) : NO_WAITS;
  return agencyKey === 0 ? { ...waits, answeredInTime: 0 } : waits;
}

function totalWaits(histograms: Map<number, WaitHistogram>, serviceLevelSeconds: number): WaitFigures {
  let answeredInTime = 0;
  for (const agencyKey of histograms.keys()) answeredInTime += agencyWaits(histograms, agencyKey, serviceLevelSeconds).answeredInTime;
  return { ...waitFigures(mergedHistogram([...histograms.values()]), serviceLevelSeconds), answeredInTime };
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
  const { scope, figureParts, waitParts } = reading(period, visible);
  // The three reads are independent: each on its own connection, at the same time, awaited together
  // (a failure of any is the one reported).
  const rowsRead = serialRows<SqlRow>(
    db,
    Prisma.sql`
    WITH per AS (
      SELECT GROUPING(f.agency_key) = 1 AS is_total, NULLIF(f.agency_key, 0) AS agency_id, f.agency_key, ${FIGURE_SUMS}
      FROM (${partsSql(figureParts, FIGURE_TABLES, FIGURE_COLUMNS, scope)}) f
      GROUP BY GROUPING SETS ((f.agency_key), ())
      HAVING sum(f.sign * f.calls) > 0
    ), rated AS (
      SELECT per.*, (NOT per.is_total AND per.agency_id IS NOT NULL AND answers >= ${minAnswers}::int) AS rankable FROM per
    )
    SELECT rated.*, a.code AS agency_code, a.name AS agency_name,
      CASE WHEN rankable THEN (rank() OVER (PARTITION BY rankable ORDER BY satisfaction_rate DESC, answers DESC))::int END AS rank
    FROM rated LEFT JOIN agencies a ON a.id = rated.agency_id
    ORDER BY is_total, rank ASC NULLS LAST, answers DESC, calls DESC, a.name`,
  );
  const [rows, histograms, staff] = await Promise.all([rowsRead, histogramsRead(db, waitParts, scope), staffTotals(db, period, visible)]);
  const waitsOf = (agencyKey: number) => agencyWaits(histograms, agencyKey, serviceLevelSeconds);
  const total = rows.find((row) => row.is_total);
  const unrouted = rows.find((row) => !row.is_total && row.agency_id === null);
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
        ...figures(row, waitsOf(row.agency_id as number), ofAgency(row.agency_id as number)),
      })),
    staff: staff.map(staffRow),
    unrouted: unrouted ? figures(unrouted, waitsOf(0), null) : null,
    total: total
      ? figures(total, totalWaits(histograms, serviceLevelSeconds), presenceFigures(staff))
      : { ...EMPTY, ...presenceFigures(staff) },
  };
}

/**
 * The report's total alone (the dashboard's cards), read without the agencies' rows: the same
 * figures as satisfactionReport(…).total.
 */
export async function satisfactionTotal(db: Db, period: Period, visible: number[] | null, serviceLevelSeconds: number): Promise<Figures> {
  const { scope, figureParts, waitParts } = reading(period, visible);
  const [[total], histograms, staff] = await Promise.all([
    serialRows<SqlRow>(
      db,
      Prisma.sql`
      SELECT ${FIGURE_SUMS} FROM (${partsSql(figureParts, FIGURE_TABLES, FIGURE_COLUMNS, scope)}) f
      HAVING sum(f.sign * f.calls) > 0`,
    ),
    histogramsRead(db, waitParts, scope),
    staffTotals(db, period, visible),
  ]);
  const presence = presenceFigures(staff);
  return total ? figures(total, totalWaits(histograms, serviceLevelSeconds), presence) : { ...EMPTY, ...presence };
}
