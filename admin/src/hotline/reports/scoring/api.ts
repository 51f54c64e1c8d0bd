import type { ScoringSettings } from "../../../../../server/contract/hotline/agency-reports";
import { API_URL, httpClient } from "../../../dataProvider";

const URL = `${API_URL}/report-scoring`;

export async function fetchScoring(): Promise<ScoringSettings> {
  return (await httpClient(URL)).json as ScoringSettings;
}

export async function saveScoring(settings: ScoringSettings): Promise<ScoringSettings> {
  const { weights, minAnswers, bands } = settings;
  const body = {
    weights: { satisfaction: Number(weights.satisfaction), onTime: Number(weights.onTime), answer: Number(weights.answer) },
    minAnswers: Number(minAnswers),
    bands: { excellent: Number(bands.excellent), good: Number(bands.good), pass: Number(bands.pass) },
  };
  return (await httpClient(URL, { method: "PUT", body: JSON.stringify(body) })).json as ScoringSettings;
}
