// The case actions beyond the resource (POST /api/cases/:id/<action>, docs/cases.md); the bodies are
// the contract's (server/contract/hotline/cases.ts).
import type { CaseDetail } from "../../../../server/contract/hotline/cases";
import { API_URL, httpClient } from "../../dataProvider";

export type CaseAction = "transfer" | "answer" | "close" | "reopen" | "calls";

export async function caseAction(id: number, action: CaseAction, body: Record<string, unknown>): Promise<CaseDetail> {
  const { json } = await httpClient(`${API_URL}/cases/${encodeURIComponent(id)}/${action}`, {
    method: "POST",
    body: JSON.stringify(body),
  });
  return json as CaseDetail;
}
