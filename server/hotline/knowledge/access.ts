// Who may read and write which articles. Reading is province-wide: a citizen may call any agency about
// any procedure, so every reader sees every published article; drafts only those who may write them.
// Writing (knowledge:write) reaches the whole province for administrators and the agency subtree for a
// supervisor (agencies/scope.ts), both for the article as it is and for the agency it is given.
import type { SessionUser } from "../../access/auth/sessions.js";
import { isScoped, subtreeIds } from "../../agencies/scope.js";
import { rolesHold } from "../../contract/permissions.js";
import type { Db } from "../../platform/db/client.js";

export interface KnowledgeAccess {
  /** Holds knowledge:write at all. */
  writes: boolean;
  /** The agencies whose articles the user may write; null: all of them. Empty when `writes` is false. */
  writable: number[] | null;
}

export async function knowledgeAccess(db: Db, user: SessionUser): Promise<KnowledgeAccess> {
  if (!rolesHold(user.roles, "knowledge:write")) return { writes: false, writable: [] };
  return { writes: true, writable: isScoped(user) ? await subtreeIds(db, user.agency.id) : null };
}

export function mayWrite(access: KnowledgeAccess, agencyId: number): boolean {
  return access.writes && (access.writable === null || access.writable.includes(agencyId));
}

/**
 * Which articles a user may see: published ones, and drafts of agencies they may write. A reader
 * without knowledge:write never sees a draft, whatever the status filter asks.
 */
export function visibleWhere(access: KnowledgeAccess) {
  if (!access.writes) return { status: "published" as const };
  if (access.writable === null) return {};
  return { OR: [{ status: "published" as const }, { agencyId: { in: access.writable } }] };
}
