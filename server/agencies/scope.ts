// Which agencies a console user may see: supervisors and agents only their own agency's subtree,
// everyone else (administrators, campaign staff, viewers) the whole province.
import type { SessionUser } from "../access/auth/sessions.js";
import type { Db } from "../platform/db/client.js";

export function isScoped(user: SessionUser): boolean {
  return !user.roles.includes("admin") && (user.roles.includes("supervisor") || user.roles.includes("agent"));
}

/** Ids of the agency and all its descendants, at any depth. */
export async function subtreeIds(db: Db, rootId: number): Promise<number[]> {
  const rows = await db.$queryRaw<{ id: number }[]>`
    WITH RECURSIVE subtree AS (
      SELECT id FROM agencies WHERE id = ${rootId}
      UNION
      SELECT a.id FROM agencies a JOIN subtree s ON a.parent_id = s.id
    )
    SELECT id FROM subtree`;
  return rows.map((row) => row.id);
}

/** Ancestors of an agency, root first, excluding the agency itself. */
export async function ancestorsOf(db: Db, id: number): Promise<{ id: number; code: string; name: string }[]> {
  return db.$queryRaw<{ id: number; code: string; name: string }[]>`
    WITH RECURSIVE chain AS (
      SELECT id, code, name, parent_id, 0 AS depth FROM agencies WHERE id = (SELECT parent_id FROM agencies WHERE id = ${id})
      UNION
      SELECT a.id, a.code, a.name, a.parent_id, c.depth + 1 FROM agencies a JOIN chain c ON a.id = c.parent_id
    )
    SELECT id, code, name FROM chain ORDER BY depth DESC`;
}

/** The agency ids the user may see, or null for all of them. */
export async function visibleAgencyIds(db: Db, user: SessionUser): Promise<number[] | null> {
  return isScoped(user) ? subtreeIds(db, user.agency.id) : null;
}
