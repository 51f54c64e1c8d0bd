import type { ScenarioRequest, ScenarioStarted, SimulationRequest, SimulationResult } from "../../../../server/contract/hotline/simulator";
import { API_URL, httpClient } from "../../dataProvider";

export async function runSimulation(body: SimulationRequest): Promise<SimulationResult> {
  const { json } = await httpClient(`${API_URL}/simulator/calls`, { method: "POST", body: JSON.stringify(body) });
  return json as SimulationResult;
}

export async function startScenario(body: ScenarioRequest): Promise<ScenarioStarted> {
  const { json } = await httpClient(`${API_URL}/simulator/scenarios`, { method: "POST", body: JSON.stringify(body) });
  return json as ScenarioStarted;
}
