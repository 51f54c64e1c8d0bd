// The periodic report's score and grade: weighted rates, the minimum of answers, the bands.
import { describe, expect, it } from "vitest";
import type { ScoringSettings } from "../../../../../server/contract/hotline/agency-reports.js";
import { gradeOf, SCORING_DEFAULTS, scoreOf, scoringProblems } from "../../../../../server/hotline/reports/periodic/scoring.js";

describe("score and grade", () => {
  const rates = { satisfactionRate: 0.9, onTimeRate: 0.8, answerRate: 0.5, answers: 10 };

  it("is the weighted mean of the rates, on 100, one decimal", () => {
    // 0.5·0.9 + 0.3·0.8 + 0.2·0.5 = 0.79
    expect(scoreOf(rates, SCORING_DEFAULTS)).toBe(79);
    expect(scoreOf({ ...rates, onTimeRate: 0.8333 }, SCORING_DEFAULTS)).toBe(80);
  });

  it("leaves out a rate with nothing to measure, with its weight", () => {
    // No cases: (0.5·0.9 + 0.2·0.5) / 0.7
    expect(scoreOf({ ...rates, onTimeRate: null }, SCORING_DEFAULTS)).toBe(78.6);
    expect(scoreOf({ ...rates, onTimeRate: null, answerRate: null }, SCORING_DEFAULTS)).toBe(90);
  });

  it("grades nobody below the minimum number of answers", () => {
    expect(scoreOf({ ...rates, answers: 9 }, SCORING_DEFAULTS)).toBeNull();
    expect(scoreOf({ ...rates, answers: 3 }, { ...SCORING_DEFAULTS, minAnswers: 3 })).toBe(79);
    expect(gradeOf(null, SCORING_DEFAULTS)).toBeNull();
  });

  it("follows the configured weights", () => {
    const onlySatisfaction: ScoringSettings = { ...SCORING_DEFAULTS, weights: { satisfaction: 1, onTime: 0, answer: 0 } };
    expect(scoreOf(rates, onlySatisfaction)).toBe(90);
    const onlyOnTime: ScoringSettings = { ...SCORING_DEFAULTS, weights: { satisfaction: 0, onTime: 2, answer: 0 } };
    expect(scoreOf(rates, onlyOnTime)).toBe(80);
  });

  it("bands: xuất sắc ≥ 90, tốt ≥ 80, đạt ≥ 65, chưa đạt below", () => {
    expect(gradeOf(100, SCORING_DEFAULTS)).toBe("excellent");
    expect(gradeOf(90, SCORING_DEFAULTS)).toBe("excellent");
    expect(gradeOf(89.9, SCORING_DEFAULTS)).toBe("good");
    expect(gradeOf(80, SCORING_DEFAULTS)).toBe("good");
    expect(gradeOf(65, SCORING_DEFAULTS)).toBe("pass");
    expect(gradeOf(64.9, SCORING_DEFAULTS)).toBe("fail");
    expect(gradeOf(0, SCORING_DEFAULTS)).toBe("fail");
    expect(gradeOf(70, { ...SCORING_DEFAULTS, bands: { excellent: 95, good: 85, pass: 75 } })).toBe("fail");
  });

  it("refuses weights summing to 0 and bands out of order", () => {
    expect(scoringProblems(SCORING_DEFAULTS)).toEqual({});
    expect(scoringProblems({ ...SCORING_DEFAULTS, weights: { satisfaction: 0, onTime: 0, answer: 0 } })).toEqual({
      weights: "scoring_weights",
    });
    expect(scoringProblems({ ...SCORING_DEFAULTS, bands: { excellent: 80, good: 80, pass: 65 } })).toEqual({ bands: "scoring_bands" });
    expect(scoringProblems({ ...SCORING_DEFAULTS, bands: { excellent: 90, good: 60, pass: 65 } })).toEqual({ bands: "scoring_bands" });
  });
});
