// The report endpoints (server/hotline/reports/routes.ts); their shapes are in the shared contract.
import type { SatisfactionReport, TodayFigures } from "../../../../server/contract/hotline/reports";
import { API_URL, httpClient } from "../../dataProvider";

export function satisfactionUrl(params: { from: string; to: string; minAnswers: number }, format: "json" | "csv" = "json"): string {
  const query = new URLSearchParams({ from: params.from, to: params.to, minAnswers: String(params.minAnswers), format });
  return `${API_URL}/reports/satisfaction?${query.toString()}`;
}

export async function fetchSatisfaction(params: { from: string; to: string; minAnswers: number }): Promise<SatisfactionReport> {
  return (await httpClient(satisfactionUrl(params))).json as SatisfactionReport;
}

export async function fetchToday(): Promise<TodayFigures> {
  return (await httpClient(`${API_URL}/reports/today`)).json as TodayFigures;
}
