import type { RetentionPreview, RetentionSettings } from "../../../../server/contract/privacy/retention";
import { API_URL, httpClient } from "../../dataProvider";

export async function fetchRetention(): Promise<RetentionSettings> {
  return (await httpClient(`${API_URL}/settings/retention`)).json as RetentionSettings;
}

export async function saveRetention(settings: RetentionSettings): Promise<RetentionSettings> {
  const body = JSON.stringify(settings);
  return (await httpClient(`${API_URL}/settings/retention`, { method: "PUT", body })).json as RetentionSettings;
}

/** The dry run: what the next nightly run would remove, per kind, with the saved periods. */
export async function fetchPreview(): Promise<RetentionPreview> {
  return (await httpClient(`${API_URL}/retention/preview`)).json as RetentionPreview;
}
