// The periodic report endpoints (server/hotline/reports/periodic/routes.ts); shapes in the shared contract.
import type { AgencyReport } from "../../../../../server/contract/hotline/agency-reports";
import { API_URL, httpClient } from "../../../dataProvider";

/** The report's URL: the JSON, the .xlsx or the printable page. */
export function agencyReportUrl(period: string, options: { live?: boolean; what?: "json" | "export.xlsx" | "print" } = {}): string {
  const query = new URLSearchParams({ period });
  if (options.live) query.set("live", "true");
  const path = options.what && options.what !== "json" ? `/${options.what}` : "";
  return `${API_URL}/agency-reports${path}?${query.toString()}`;
}

export async function fetchAgencyReport(period: string, live: boolean): Promise<AgencyReport> {
  return (await httpClient(agencyReportUrl(period, { live }))).json as AgencyReport;
}

/** Prepares (again) the stored report of a closed period; administrators. */
export async function prepareAgencyReport(period: string): Promise<AgencyReport> {
  return (await httpClient(`${API_URL}/agency-reports/prepare`, { method: "POST", body: JSON.stringify({ period }) })).json as AgencyReport;
}
