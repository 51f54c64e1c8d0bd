// Calls of the IVR flow versions API that are not CRUD: publish, activate, the diagram.
import { HttpError } from "react-admin";
import { API_URL, httpClient } from "../../dataProvider";

export interface Problem {
  file: string;
  node?: string;
  message: string;
}

export interface DiagramNode {
  id: string;
  flow: string;
  node: string;
  kind: string;
  label: string;
  layer: number;
  start: boolean;
}

export interface DiagramEdge {
  from: string;
  to: string;
  key: string;
  label: string;
}

export interface Diagram {
  id: number;
  version: number;
  entry: string;
  nodes: DiagramNode[];
  edges: DiagramEdge[];
}

const BASE = `${API_URL}/ivr-flow-versions`;

/** Publishes the server's ivr-flows folder; an invalid flow rejects with its problems. */
export async function publishFromFolder(): Promise<{ id: number; version: number }> {
  const { json } = await httpClient(BASE, { method: "POST", body: JSON.stringify({}) });
  return json as { id: number; version: number };
}

export async function activateVersion(id: number | string): Promise<{ id: number; version: number }> {
  const { json } = await httpClient(`${BASE}/${encodeURIComponent(id)}/activate`, { method: "POST", body: "{}" });
  return json as { id: number; version: number };
}

export async function fetchDiagram(id: number | string): Promise<Diagram> {
  const { json } = await httpClient(`${BASE}/${encodeURIComponent(id)}/diagram`);
  return json as Diagram;
}

export function problemsOf(error: unknown): Problem[] {
  const body = error instanceof HttpError ? (error.body as { problems?: Problem[] } | undefined) : undefined;
  return Array.isArray(body?.problems) ? body.problems : [];
}
