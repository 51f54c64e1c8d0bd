// Calls of the IVR flow versions API that are not CRUD: publish, activate, the diagram.
import { HttpError } from "react-admin";
import type { Diagram, FlowVersionDetail, Problem } from "../../../../server/contract/hotline/ivr-flows";
import { API_URL, httpClient } from "../../dataProvider";

const BASE = `${API_URL}/ivr-flow-versions`;

/** Publishes the server's ivr-flows folder; an invalid flow rejects with its problems. */
export async function publishFromFolder(): Promise<FlowVersionDetail> {
  const { json } = await httpClient(BASE, { method: "POST", body: JSON.stringify({}) });
  return json as FlowVersionDetail;
}

export async function activateVersion(id: number | string): Promise<FlowVersionDetail> {
  const { json } = await httpClient(`${BASE}/${encodeURIComponent(id)}/activate`, { method: "POST", body: "{}" });
  return json as FlowVersionDetail;
}

export async function fetchDiagram(id: number | string): Promise<Diagram> {
  const { json } = await httpClient(`${BASE}/${encodeURIComponent(id)}/diagram`);
  return json as Diagram;
}

export function problemsOf(error: unknown): Problem[] {
  const body = error instanceof HttpError ? (error.body as { problems?: Problem[] } | undefined) : undefined;
  return Array.isArray(body?.problems) ? body.problems : [];
}
