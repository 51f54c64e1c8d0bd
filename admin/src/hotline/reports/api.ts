// The report endpoints (server/hotline/reports/routes.ts).
import { API_URL, httpClient } from "../../dataProvider";

export interface Figures {
  calls: number;
  answered: number;
  answerRate: number | null;
  averageWaitSeconds: number | null;
  answers: number;
  verySatisfied: number;
  satisfied: number;
  dissatisfied: number;
  satisfactionRate: number | null;
  resolvedAnswers: number;
  resolvedRate: number | null;
}

export interface AgencyRow extends Figures {
  agencyId: number;
  agencyCode: string;
  agencyName: string;
  rank: number | null;
}

export interface SatisfactionReport {
  from: string;
  to: string;
  minAnswers: number;
  target: number;
  rows: AgencyRow[];
  unrouted: Figures | null;
  total: Figures;
}

export interface TodayFigures {
  date: string;
  today: Figures;
  last30Days: Figures;
  target: number;
}

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
