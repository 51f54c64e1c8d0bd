// Reads the counts a periodic report is computed from (figures.ts): the calls from the satisfaction
// report's roll-ups (the same calls, answer and satisfaction definitions, read the same way:
// period-parts.ts), the cases and their survey answers with grouped SQL. Always the whole province: scope is applied when
// the report is built, so the same counts serve every reader and can be stored as a snapshot.
import type { ScoringSettings } from "../../../contract/hotline/agency-reports.js";
import { Prisma } from "../../../generated/prisma/client.js";
import type { Db } from "../../../platform/db/client.js";
import { serialRows } from "../../../platform/db/plain-sql.js";
import { today } from "../period.js";
import { partsSql, periodParts } from "../period-parts.js";
import { FIGURE_COSTS, FIGURE_TABLES } from "../rollup-tables.js";
import { type AgencyCounts, type CallCounts, type CaseCounts, NO_CALLS, noCases, type ReportInputs } from "./figures.js";
import type { ReportPeriod } from "./period.js";

interface CallRow extends CallCounts {
  /** The agency, 0 for calls that reached none. */
  agency_key: number;
}

interface CaseRow {
  agency_id: number;
  received: number;
  answered: number;
  on_time: number;
  late: number;
  handling_days: number | null;
  open: number;
  overdue: number;
}

interface GroupRow {
  agency_id: number;
  key: string;
  count: number;
}

interface SurveyRow {
  agency_id: number;
  answers: number;
  satisfied: number;
}

export interface ReadOptions {
  scoring: ScoringSettings;
  now: Date;
}

/** Calls, answered, survey answers and satisfied ones per agency with calls in the period. */
function callCounts(db: Db, period: ReportPeriod): Promise<CallRow[]> {
  const parts = periodParts(period.from, period.to, today(), FIGURE_COSTS);
  return serialRows<CallRow>(
    db,
    Prisma.sql`
    SELECT agency_key, sum(sign * calls)::int AS calls, sum(sign * answered)::int AS answered,
      sum(sign * answers)::int AS answers, sum(sign * (very_satisfied + satisfied))::int AS satisfied
    FROM (${partsSql(parts, FIGURE_TABLES, "agency_key, calls, answered, answers, very_satisfied, satisfied", Prisma.empty)}) f
    GROUP BY agency_key HAVING sum(sign * calls) > 0`,
  );
}

export async function readReportInputs(db: Db, period: ReportPeriod, options: ReadOptions): Promise<ReportInputs> {
  const { start, end } = period;
  // Open and overdue are a state at an instant: the period's end, or now while it is not over.
  const asOf = new Date(Math.min(end.getTime(), options.now.getTime()));
  const [calls, agencies, caseRows, kindRows, topicRows, surveyRows] = await Promise.all([
    callCounts(db, period),
    db.agency.findMany({ select: { id: true, code: true, name: true, parentId: true, active: true }, orderBy: { id: "asc" } }),
    db.$queryRaw<CaseRow[]>`
      SELECT c.agency_id,
        count(*) FILTER (WHERE c.created_at >= ${start} AND c.created_at < ${end})::int AS received,
        count(*) FILTER (WHERE c.answered_at >= ${start} AND c.answered_at < ${end})::int AS answered,
        count(*) FILTER (WHERE c.answered_at >= ${start} AND c.answered_at < ${end} AND c.answered_at < c.due_at)::int AS on_time,
        count(*) FILTER (WHERE c.answered_at >= ${start} AND c.answered_at < ${end} AND c.answered_at >= c.due_at)::int AS late,
        (sum(EXTRACT(EPOCH FROM c.answered_at - c.created_at) / 86400)
          FILTER (WHERE c.answered_at >= ${start} AND c.answered_at < ${end}))::float8 AS handling_days,
        count(*) FILTER (WHERE (c.answered_at IS NULL OR c.answered_at >= ${asOf}) AND (c.closed_at IS NULL OR c.closed_at >= ${asOf}))::int AS open,
        count(*) FILTER (WHERE (c.answered_at IS NULL OR c.answered_at >= ${asOf}) AND (c.closed_at IS NULL OR c.closed_at >= ${asOf})
          AND c.due_at <= ${asOf})::int AS overdue
      FROM cases c
      WHERE c.created_at < ${end}
      GROUP BY c.agency_id`,
    db.$queryRaw<GroupRow[]>`
      SELECT agency_id, kind::text AS key, count(*)::int AS count FROM cases
      WHERE created_at >= ${start} AND created_at < ${end} GROUP BY agency_id, kind`,
    db.$queryRaw<GroupRow[]>`
      SELECT agency_id, COALESCE(topic, '') AS key, count(*)::int AS count FROM cases
      WHERE created_at >= ${start} AND created_at < ${end} GROUP BY agency_id, COALESCE(topic, '')`,
    db.$queryRaw<SurveyRow[]>`
      SELECT c.agency_id, count(s.value)::int AS answers, count(*) FILTER (WHERE s.value IN (1, 2))::int AS satisfied
      FROM case_survey_answers s JOIN cases c ON c.id = s.case_id
      WHERE s.question = 'satisfaction' AND s.created_at >= ${start} AND s.created_at < ${end}
      GROUP BY c.agency_id`,
  ]);

  const countsOf = ({ calls, answered, answers, satisfied }: CallRow): CallCounts => ({ calls, answered, answers, satisfied });
  const callsOf = new Map<number, CallCounts>(calls.filter((row) => row.agency_key !== 0).map((row) => [row.agency_key, countsOf(row)]));
  const casesOf = new Map<number, CaseCounts>();
  const cases = (agencyId: number) => {
    const known = casesOf.get(agencyId);
    if (known) return known;
    const counts = noCases();
    casesOf.set(agencyId, counts);
    return counts;
  };
  for (const row of caseRows) {
    Object.assign(cases(row.agency_id), {
      received: row.received,
      answered: row.answered,
      answeredOnTime: row.on_time,
      answeredLate: row.late,
      handlingDays: row.handling_days ?? 0,
      open: row.open,
      overdue: row.overdue,
    });
  }
  for (const row of kindRows) cases(row.agency_id).byKind[row.key] = row.count;
  for (const row of topicRows) cases(row.agency_id).byTopic[row.key] = row.count;
  for (const row of surveyRows) Object.assign(cases(row.agency_id), { answers: row.answers, satisfied: row.satisfied });

  // Every active agency has a row (a quiet month is a figure too); an inactive one only with figures.
  const rows: AgencyCounts[] = agencies
    .filter((agency) => agency.active || callsOf.has(agency.id) || casesOf.has(agency.id))
    .map((agency) => ({
      agencyId: agency.id,
      agencyCode: agency.code,
      agencyName: agency.name,
      parentId: agency.parentId,
      calls: callsOf.get(agency.id) ?? { ...NO_CALLS },
      cases: casesOf.get(agency.id) ?? noCases(),
    }));
  const unrouted = calls.find((row) => row.agency_key === 0);
  return {
    period: period.key,
    kind: period.kind,
    from: period.from,
    to: period.to,
    asOf: asOf.toISOString(),
    agencies: rows,
    unrouted: unrouted ? countsOf(unrouted) : { ...NO_CALLS },
    scoring: options.scoring,
  };
}
