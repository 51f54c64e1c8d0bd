// The periodic report from counts: ranking, shared ranks, the ungraded, totals of a subtree or the province.
import { describe, expect, it } from "vitest";
import {
  type AgencyCounts,
  buildReport,
  NO_CALLS,
  noCases,
  type ReportInputs,
} from "../../../../../server/hotline/reports/periodic/figures.js";
import { SCORING_DEFAULTS } from "../../../../../server/hotline/reports/periodic/scoring.js";

describe("ranking and totals", () => {
  const agency = (
    id: number,
    parentId: number | null,
    calls: Partial<typeof NO_CALLS>,
    cases: Partial<ReturnType<typeof noCases>> = {},
  ): AgencyCounts => ({
    agencyId: id,
    agencyCode: `A${id}`,
    agencyName: `Agency ${id}`,
    parentId,
    calls: { ...NO_CALLS, ...calls },
    cases: { ...noCases(), ...cases },
  });
  const inputs: ReportInputs = {
    period: "2026-11",
    kind: "month",
    from: "2026-11-01",
    to: "2026-11-30",
    asOf: "2026-11-30T17:00:00.000Z",
    scoring: { ...SCORING_DEFAULTS, minAnswers: 2 },
    unrouted: { calls: 4, answered: 0, answers: 0, satisfied: 0 },
    agencies: [
      agency(1, null, { calls: 10, answered: 10, answers: 2, satisfied: 2 }),
      agency(
        2,
        1,
        { calls: 10, answered: 5, answers: 4, satisfied: 2 },
        {
          received: 3,
          byKind: { question: 2, complaint: 1 },
          byTopic: { "ho-tich": 2, "": 1 },
          answered: 2,
          answeredOnTime: 1,
          answeredLate: 1,
          handlingDays: 5,
          open: 2,
          overdue: 1,
          answers: 2,
          satisfied: 2,
        },
      ),
      // Same score as agency 1 (100): shares its rank.
      agency(3, 2, { calls: 3, answered: 3, answers: 3, satisfied: 3 }),
      agency(4, 1, { calls: 8, answered: 8, answers: 1, satisfied: 1 }),
      agency(5, 1, {}),
    ],
  };

  it("ranks graded agencies by score, equal scores sharing a rank, the ungraded after", () => {
    const report = buildReport(inputs, { visible: null, subtree: null, agencyId: null, preparedAt: null, closed: true });
    expect(report.rows.map((row) => [row.agencyId, row.rank, row.score, row.grade])).toEqual([
      [3, 1, 100, "excellent"],
      [1, 1, 100, "excellent"],
      // satisfaction 4/6, on time 1/(2+1), answer 5/10: 0.5·0.6667 + 0.3·0.3333 + 0.2·0.5 = 0.5333
      [2, 3, 53.3, "fail"],
      [4, null, null, null],
      [5, null, null, null],
    ]);
    const two = report.rows.find((row) => row.agencyId === 2);
    expect(two).toMatchObject({ averageHandlingDays: 2.5, casesByKind: { question: 2, feedback: 0, proposal: 0, complaint: 1 } });
    expect(report.topics).toEqual(["ho-tich", ""]);
    // The province's total has the unrouted calls.
    expect(report.total).toMatchObject({ calls: 35, answered: 26, answers: 12, casesReceived: 3, callSatisfied: 8, caseSatisfied: 2 });
  });

  it("cuts to a subtree, whose total has only its agencies", () => {
    const report = buildReport(inputs, { visible: [2, 3], subtree: null, agencyId: null, preparedAt: null, closed: true });
    expect(report.rows.map((row) => row.agencyId)).toEqual([3, 2]);
    expect(report.total).toMatchObject({ calls: 13, answered: 8, answers: 9, caseAnswers: 2 });
    const one = buildReport(inputs, { visible: null, subtree: [3], agencyId: 3, preparedAt: null, closed: true });
    expect(one.rows.map((row) => row.agencyId)).toEqual([3]);
    expect(one.total.calls).toBe(3);
  });
});
