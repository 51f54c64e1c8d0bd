// Adding contacts to a list and removing them: the ticked ones, or every contact the grid's filter matches.
import type { Identifier } from "react-admin";
import { API_URL, httpClient } from "../../dataProvider";

export type Members = { contactIds: Identifier[] } | { filter: Record<string, unknown> };

/** Returns how many contacts joined (POST) or left (DELETE) the list. */
export async function changeMembers(listId: Identifier, method: "POST" | "DELETE", members: Members): Promise<number> {
  const { json } = await httpClient(`${API_URL}/contact-lists/${encodeURIComponent(listId)}/members`, {
    method,
    body: JSON.stringify(members),
  });
  return (json as { count: number }).count;
}
