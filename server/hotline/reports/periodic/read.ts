// Reads the counts a periodic report is computed from (figures.ts): the calls through the
// satisfaction report's one statement (the same calls, answer and satisfaction definitions), the
// cases and their survey answers with grouped SQL. Always the whole province: scope is applied when
// the report is built, so the same counts serve every reader and can be stored as a snapshot.
import type { ScoringSettings } from "../../../contract/hotline/agency-reports.js";
import type { Db } from "../../../platform/db/client.js";
import { satisfactionReport } from "../satisfaction.js";
import { type AgencyCounts, type CallCounts, type CaseCounts, NO_CALLS, noCases, type ReportInputs } from "./figures.js";
import type { ReportPeriod } from "./period.js";

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
  /** The satisfaction report's service level threshold (it is not a figure of this report). */
  serviceLevelSeconds: number;
  now: Date;
}

export async function readReportInputs(db: Db, period: ReportPeriod, options: ReadOptions): Promise<ReportInputs> {
  const { start, end } = period;
  // Open and overdue are a state at an instant: the period's end, or now while it is not over.
  const asOf = new Date(Math.min(end.getTime(), options.now.getTime()));
  const [calls, agencies, caseRows, kindRows, topicRows, surveyRows] = await Promise.all([
    satisfactionReport(db, period, 1, null, options.serviceLevelSeconds),
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

  const callsOf = new Map<number, CallCounts>(
    calls.rows.map((row) => [
      row.agencyId,
      { calls: row.calls, answered: row.answered, answers: row.answers, satisfied: row.verySatisfied + row.satisfied },
    ]),
  );
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
  const unrouted = calls.unrouted;
  return {
    period: period.key,
    kind: period.kind,
    from: period.from,
    to: period.to,
    asOf: asOf.toISOString(),
    agencies: rows,
    unrouted: unrouted
      ? {
          calls: unrouted.calls,
          answered: unrouted.answered,
          answers: unrouted.answers,
          satisfied: unrouted.verySatisfied + unrouted.satisfied,
        }
      : { ...NO_CALLS },
    scoring: options.scoring,
  };
}
