// The periodic reports (GET /api/agency-reports, issue 13, docs/cases.md "Periodic reports") and
// their score formula (GET/PUT /api/report-scoring, settings key reports.scoring).
import Type from "typebox";
import { CASE_KINDS, type NoteKind } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

/** Grades from best to worst: xuất sắc, tốt, đạt, chưa đạt. */
export const GRADES = ["excellent", "good", "pass", "fail"] as const;
export type Grade = (typeof GRADES)[number];

/** A month (2026-11) or a quarter (2026-Q4). */
export const REPORT_PERIOD_PATTERN = "^[0-9]{4}-(0[1-9]|1[0-2]|Q[1-4])$";

const Weight = Type.Number({ minimum: 0, maximum: 1000 });
const Band = Type.Number({ minimum: 0, maximum: 100 });

/**
 * The score of an agency, 0–100: the weighted mean of its satisfaction rate (calls and cases
 * together), on-time rate (cases) and answer rate (calls), each rate counted only when the agency had
 * something to rate (no cases: the on-time weight drops out). Graded only with at least minAnswers
 * satisfaction answers; then the grade is the first band the score reaches.
 */
export const ScoringSettings = Type.Object(
  {
    weights: Type.Object({ satisfaction: Weight, onTime: Weight, answer: Weight }, { additionalProperties: false }),
    minAnswers: Type.Integer({ minimum: 1, maximum: 100000 }),
    /** Lowest scores of each grade, descending; below `pass` is "fail". */
    bands: Type.Object({ excellent: Band, good: Band, pass: Band }, { additionalProperties: false }),
  },
  { additionalProperties: false },
);
export type ScoringSettings = WireOf<typeof ScoringSettings>;

/** Every figure of an agency (its own calls and cases) or of a total (a subtree or the province). */
export const PeriodFigures = Type.Object({
  /** Calls received (started in the period, simulated ones left out), as the satisfaction report counts them. */
  calls: Type.Integer(),
  answered: Type.Integer(),
  /** answered / calls; null without calls. */
  answerRate: Nullable(Type.Number()),
  /** Cases created in the period. */
  casesReceived: Type.Integer(),
  casesByKind: Type.Record(Type.String(), Type.Integer()),
  /** Received cases per IVR topic id; "" for cases without a topic. */
  casesByTopic: Type.Record(Type.String(), Type.Integer()),
  /** Cases answered in the period (whenever received); on time when answered before due_at. */
  casesAnswered: Type.Integer(),
  answeredOnTime: Type.Integer(),
  answeredLate: Type.Integer(),
  /** answeredOnTime / (casesAnswered + overdue); null when both are 0. */
  onTimeRate: Nullable(Type.Number()),
  /** Cases neither answered nor closed at the period's end (or now, for a period not over yet). */
  open: Type.Integer(),
  /** Of those, past their due_at. */
  overdue: Type.Integer(),
  /** Mean of (answered_at − created_at) of the cases answered in the period, in calendar days. */
  averageHandlingDays: Nullable(Type.Number()),
  /** Calls' satisfaction answers in the period, and those answering 1 or 2. */
  callAnswers: Type.Integer(),
  callSatisfied: Type.Integer(),
  callSatisfactionRate: Nullable(Type.Number()),
  /** Cases' survey answers given in the period, and those answering 1 or 2. */
  caseAnswers: Type.Integer(),
  caseSatisfied: Type.Integer(),
  caseSatisfactionRate: Nullable(Type.Number()),
  /** callAnswers + caseAnswers, and (callSatisfied + caseSatisfied) / answers: what the score uses. */
  answers: Type.Integer(),
  satisfactionRate: Nullable(Type.Number()),
});
export type PeriodFigures = WireOf<typeof PeriodFigures>;

export const AgencyReportRow = Type.Intersect([
  Type.Object({
    agencyId: Type.Integer(),
    agencyCode: Type.String(),
    agencyName: Type.String(),
    parentId: Nullable(Type.Integer()),
    /** 0–100, one decimal; null when not graded (fewer than minAnswers answers). */
    score: Nullable(Type.Number()),
    grade: Nullable(StringEnum<Grade>(GRADES)),
    /** 1 = best score (ties: more answers first); null when not graded. */
    rank: Nullable(Type.Integer()),
  }),
  PeriodFigures,
]);
export type AgencyReportRow = WireOf<typeof AgencyReportRow>;

export const AgencyReport = Type.Object({
  /** 2026-11 or 2026-Q4. */
  period: Type.String(),
  kind: StringEnum<"month" | "quarter">(["month", "quarter"]),
  /** Inclusive Vietnam days. */
  from: Type.String(),
  to: Type.String(),
  /** The instant the open/overdue figures are taken at: the period's end, or when it was computed if earlier. */
  asOf: DateTime,
  /** When the stored report was prepared; null when computed for this request. */
  preparedAt: Nullable(DateTime),
  /** The period is over (a prepared report can be kept for it). */
  closed: Type.Boolean(),
  /** The agency whose subtree the report was asked for, if any. */
  agencyId: Nullable(Type.Integer()),
  /** The whole province (an unscoped reader, no agencyId), or a subtree: what `total` adds up. */
  wholeProvince: Type.Boolean(),
  scoring: ScoringSettings,
  /** The case kinds, in order, and every topic seen, for the columns. */
  kinds: Type.Array(StringEnum<NoteKind>(CASE_KINDS)),
  topics: Type.Array(Type.String()),
  /** Ranked first, then the ungraded by calls. */
  rows: Type.Array(AgencyReportRow),
  /**
   * The sum over the rows; for the whole province (no agencyId, unscoped reader) also the calls that
   * reached no agency (hung up in the IVR).
   */
  total: PeriodFigures,
});
export type AgencyReport = WireOf<typeof AgencyReport>;
