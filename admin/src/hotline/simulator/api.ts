import { API_URL, httpClient } from "../../dataProvider";

export type SimulationStep =
  | { type: "request"; path: string; params: Record<string, string>; status: number; twiml: string }
  | { type: "say"; text: string }
  | { type: "play"; url: string }
  | { type: "gather"; digits: string }
  | { type: "dial"; targets: string[] }
  | { type: "staff"; action: string }
  | { type: "record"; seconds: number }
  | { type: "hangup"; by: string };

export interface SimulationResult {
  callSid: string;
  callId: number | null;
  steps: SimulationStep[];
  outcome: {
    callId: number;
    flowVersion: number | null;
    status: string;
    termination: string | null;
    topic: string | null;
    agency: { id: number; code: string; name: string } | null;
    routing: { agencyCode: string; decision: string; dialStatus?: string }[];
  } | null;
}

export async function runSimulation(body: { digits: string[]; staff: "answer" | "no-answer" }): Promise<SimulationResult> {
  const { json } = await httpClient(`${API_URL}/simulator/calls`, { method: "POST", body: JSON.stringify(body) });
  return json as SimulationResult;
}
