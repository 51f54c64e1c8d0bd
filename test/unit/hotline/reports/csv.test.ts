import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import type { Figures } from "../../../../server/contract/hotline/reports.js";
import { satisfactionCsv } from "../../../../server/hotline/reports/csv.js";

const FORMULAS = ['=HYPERLINK("http://evil.example","x")', "+cmd|' /C calc'!A0", "-1+1", "@SUM(1,2)", "\t=1+1", "\r=1+1"];

const figures: Figures = {
  calls: 3,
  answered: 2,
  answerRate: 2 / 3,
  averageWaitSeconds: 4,
  answers: 2,
  verySatisfied: 1,
  satisfied: 1,
  dissatisfied: 0,
  satisfactionRate: 1,
  resolvedAnswers: 2,
  resolvedRate: 0.5,
};

describe("the satisfaction report's CSV", () => {
  it("neutralises formulas in agency names", () => {
    const rows = FORMULAS.map((name, i) => ({ ...figures, agencyId: i + 1, agencyCode: `A${i}`, agencyName: name, rank: i + 1 }));
    const csv = satisfactionCsv({ from: "2026-01-01", to: "2026-01-31", minAnswers: 1, target: 0.9, rows, unrouted: null, total: figures });
    const [, ...lines] = parse(csv, { bom: true }) as string[][];
    expect(lines.slice(0, FORMULAS.length).map((line) => line[2])).toEqual(FORMULAS.map((f) => `'${f}`));
  });
});
