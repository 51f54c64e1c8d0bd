// The score and grade of an agency, pure. The formula is the province's to set (settings key
// reports.scoring, scoring-settings.ts); the defaults weigh what citizens say most.
//
//   score = 100 × Σ wᵢ·rateᵢ / Σ wᵢ   over the rates the agency has (satisfaction, on time, answer)
//
// A rate with nothing to measure (no cases → no on-time rate; no calls → no answer rate) drops out
// with its weight rather than counting as 0 or 100: an agency that received no cases is judged on its
// calls. An agency with fewer than minAnswers satisfaction answers (calls and cases together) is not
// graded, as the satisfaction report does not rank them: a handful of answers says little.
import type { Grade, ScoringSettings } from "../../../contract/hotline/agency-reports.js";
import type { FieldErrors } from "./types.js";

export const SCORING_DEFAULTS: ScoringSettings = {
  weights: { satisfaction: 0.5, onTime: 0.3, answer: 0.2 },
  minAnswers: 10,
  bands: { excellent: 90, good: 80, pass: 65 },
};

export interface Rates {
  satisfactionRate: number | null;
  onTimeRate: number | null;
  answerRate: number | null;
  answers: number;
}

/** What is wrong with a formula, by field (empty when it can be used). The schema has checked the types. */
export function scoringProblems(settings: ScoringSettings): FieldErrors {
  const problems: FieldErrors = {};
  const { weights, bands } = settings;
  if (weights.satisfaction + weights.onTime + weights.answer <= 0) problems.weights = "scoring_weights";
  if (!(bands.excellent > bands.good && bands.good > bands.pass)) problems.bands = "scoring_bands";
  return problems;
}

/** 0–100 with one decimal, or null when not graded. */
export function scoreOf(rates: Rates, settings: ScoringSettings): number | null {
  if (rates.answers < settings.minAnswers || rates.satisfactionRate === null) return null;
  const parts: [number | null, number][] = [
    [rates.satisfactionRate, settings.weights.satisfaction],
    [rates.onTimeRate, settings.weights.onTime],
    [rates.answerRate, settings.weights.answer],
  ];
  let weighted = 0;
  let weights = 0;
  for (const [rate, weight] of parts) {
    if (rate === null || weight === 0) continue;
    weighted += weight * rate;
    weights += weight;
  }
  // Only satisfaction measured but weighted 0 (an administrator's choice): the satisfaction rate alone.
  const score = weights === 0 ? rates.satisfactionRate : weighted / weights;
  return Math.round(score * 1000) / 10;
}

/** The grade of a (rounded) score: the first band it reaches. */
export function gradeOf(score: number | null, settings: ScoringSettings): Grade | null {
  if (score === null) return null;
  if (score >= settings.bands.excellent) return "excellent";
  if (score >= settings.bands.good) return "good";
  if (score >= settings.bands.pass) return "pass";
  return "fail";
}
