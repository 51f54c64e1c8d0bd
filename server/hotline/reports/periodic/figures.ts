// The periodic report from per-agency counts, pure: sums, rates, scores, grades and the ranking.
// The counts (inputs.ts, read by read.ts) are all additive, so a subtree's or the province's total
// is the sum of its agencies' rows and a prepared report (a snapshot of the counts) can be cut to a
// supervisor's subtree later without going back to the calls.
//
// Each agency row holds the agency's OWN calls and cases (those whose agency_id is that agency), not
// its children's: the ranking grades who did the work, and a department does not get its units'
// figures twice. Roll-up by subtree is the total: the province's, or the subtree of the agency asked
// for (or of a supervisor's own agency).

import { CASE_KINDS } from "../../../contract/enums.js";
import type { AgencyReport, AgencyReportRow, PeriodFigures, ScoringSettings } from "../../../contract/hotline/agency-reports.js";
import { gradeOf, scoreOf } from "./scoring.js";

/** What the calls of one agency (or no agency) add up to. */
export interface CallCounts {
  calls: number;
  answered: number;
  /** Satisfaction answers, and those answering 1 (very satisfied) or 2 (satisfied). */
  answers: number;
  satisfied: number;
}

export interface CaseCounts {
  received: number;
  byKind: Record<string, number>;
  byTopic: Record<string, number>;
  answered: number;
  answeredOnTime: number;
  answeredLate: number;
  /** Σ (answered_at − created_at) of the answered ones, in days. */
  handlingDays: number;
  open: number;
  overdue: number;
  answers: number;
  satisfied: number;
}

export interface AgencyCounts {
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  parentId: number | null;
  calls: CallCounts;
  cases: CaseCounts;
}

/** Everything a report is computed from: what a snapshot stores. */
export interface ReportInputs {
  period: string;
  kind: "month" | "quarter";
  from: string;
  to: string;
  asOf: string;
  agencies: AgencyCounts[];
  /** Calls that reached no agency: in the province's total only. */
  unrouted: CallCounts;
  scoring: ScoringSettings;
}

export const NO_CALLS: CallCounts = { calls: 0, answered: 0, answers: 0, satisfied: 0 };
export const noCases = (): CaseCounts => ({
  received: 0,
  byKind: {},
  byTopic: {},
  answered: 0,
  answeredOnTime: 0,
  answeredLate: 0,
  handlingDays: 0,
  open: 0,
  overdue: 0,
  answers: 0,
  satisfied: 0,
});

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

function addRecord(into: Record<string, number>, from: Record<string, number>): void {
  for (const [key, count] of Object.entries(from)) into[key] = (into[key] ?? 0) + count;
}

function sumCalls(items: readonly CallCounts[]): CallCounts {
  const total = { ...NO_CALLS };
  for (const item of items) {
    total.calls += item.calls;
    total.answered += item.answered;
    total.answers += item.answers;
    total.satisfied += item.satisfied;
  }
  return total;
}

function sumCases(items: readonly CaseCounts[]): CaseCounts {
  const total = noCases();
  for (const item of items) {
    total.received += item.received;
    addRecord(total.byKind, item.byKind);
    addRecord(total.byTopic, item.byTopic);
    total.answered += item.answered;
    total.answeredOnTime += item.answeredOnTime;
    total.answeredLate += item.answeredLate;
    total.handlingDays += item.handlingDays;
    total.open += item.open;
    total.overdue += item.overdue;
    total.answers += item.answers;
    total.satisfied += item.satisfied;
  }
  return total;
}

/** The figures of some calls and cases. */
export function figuresOf(calls: CallCounts, cases: CaseCounts): PeriodFigures {
  const byKind: Record<string, number> = {};
  for (const kind of CASE_KINDS) byKind[kind] = cases.byKind[kind] ?? 0;
  return {
    calls: calls.calls,
    answered: calls.answered,
    answerRate: ratio(calls.answered, calls.calls),
    casesReceived: cases.received,
    casesByKind: byKind,
    casesByTopic: { ...cases.byTopic },
    casesAnswered: cases.answered,
    answeredOnTime: cases.answeredOnTime,
    answeredLate: cases.answeredLate,
    // A case still open past its deadline is as late as one answered late: leaving it out would
    // reward not answering at all.
    onTimeRate: ratio(cases.answeredOnTime, cases.answered + cases.overdue),
    open: cases.open,
    overdue: cases.overdue,
    averageHandlingDays: cases.answered === 0 ? null : cases.handlingDays / cases.answered,
    callAnswers: calls.answers,
    callSatisfied: calls.satisfied,
    callSatisfactionRate: ratio(calls.satisfied, calls.answers),
    caseAnswers: cases.answers,
    caseSatisfied: cases.satisfied,
    caseSatisfactionRate: ratio(cases.satisfied, cases.answers),
    answers: calls.answers + cases.answers,
    satisfactionRate: ratio(calls.satisfied + cases.satisfied, calls.answers + cases.answers),
  };
}

/** Ranked by score (ties: more answers, then name); the ungraded after, by calls then cases. */
function ranked(rows: Omit<AgencyReportRow, "rank">[]): AgencyReportRow[] {
  const graded = rows
    .filter((row) => row.score !== null)
    .sort((a, b) => (b.score ?? 0) - (a.score ?? 0) || b.answers - a.answers || a.agencyName.localeCompare(b.agencyName, "vi"));
  const ungraded = rows
    .filter((row) => row.score === null)
    .sort((a, b) => b.calls - a.calls || b.casesReceived - a.casesReceived || a.agencyName.localeCompare(b.agencyName, "vi"));
  // Competition ranking (1, 2, 2, 4): equal scores share a rank.
  let rank = 0;
  return [
    ...graded.map((row, i) => {
      if (i === 0 || row.score !== graded[i - 1]?.score) rank = i + 1;
      return { ...row, rank };
    }),
    ...ungraded.map((row) => ({ ...row, rank: null })),
  ];
}

export interface ReportView {
  /** Agencies the reader may see, or null for the whole province. */
  visible: readonly number[] | null;
  /** The subtree asked for (already checked to be visible), or null. */
  agencyId: number | null;
  subtree: readonly number[] | null;
  preparedAt: string | null;
  closed: boolean;
}

export function buildReport(inputs: ReportInputs, view: ReportView): AgencyReport {
  const allowed = (id: number) =>
    (view.visible === null || view.visible.includes(id)) && (view.subtree === null || view.subtree.includes(id));
  const agencies = inputs.agencies.filter((agency) => allowed(agency.agencyId));
  const wholeProvince = view.visible === null && view.subtree === null;
  const scoring = inputs.scoring;
  const rows = agencies.map((agency) => {
    const figures = figuresOf(agency.calls, agency.cases);
    const score = scoreOf(figures, scoring);
    return {
      agencyId: agency.agencyId,
      agencyCode: agency.agencyCode,
      agencyName: agency.agencyName,
      parentId: agency.parentId,
      score,
      grade: gradeOf(score, scoring),
      ...figures,
    };
  });
  const calls = sumCalls([...agencies.map((a) => a.calls), ...(wholeProvince ? [inputs.unrouted] : [])]);
  const cases = sumCases(agencies.map((a) => a.cases));
  const topics = Object.keys(cases.byTopic).sort((a, b) => (a === "" ? 1 : b === "" ? -1 : a.localeCompare(b)));
  return {
    period: inputs.period,
    kind: inputs.kind,
    from: inputs.from,
    to: inputs.to,
    asOf: inputs.asOf,
    preparedAt: view.preparedAt,
    closed: view.closed,
    agencyId: view.agencyId,
    wholeProvince,
    scoring,
    kinds: [...CASE_KINDS],
    topics,
    rows: ranked(rows),
    total: figuresOf(calls, cases),
  };
}
