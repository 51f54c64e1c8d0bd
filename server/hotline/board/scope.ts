// Which board a user may watch: supervisors their own agency's subtree (or an agency inside it),
// administrators any agency's subtree or, by default, the province. The permission itself
// (board:read) is checked by the route guard before this.
import type { SessionUser } from "../../access/auth/sessions.js";
import { isScoped, subtreeIds } from "../../agencies/scope.js";
import type { Db } from "../../platform/db/client.js";
import { forbidden, invalidField } from "../../platform/http/errors.js";
import type { BoardScope } from "./board.js";

export async function boardScopeFor(db: Db, user: SessionUser, agencyId: number | undefined): Promise<BoardScope> {
  if (isScoped(user)) {
    const own = await subtreeIds(db, user.agency.id);
    const root = agencyId ?? user.agency.id;
    if (!own.includes(root)) throw forbidden("This agency is outside your own");
    if (root === user.agency.id) return { agencyId: root, agencyName: user.agency.name, agencyIds: own };
    const agency = await db.agency.findUnique({ where: { id: root }, select: { name: true } });
    return { agencyId: root, agencyName: agency?.name ?? null, agencyIds: await subtreeIds(db, root) };
  }
  if (agencyId === undefined) return { agencyId: null, agencyName: null, agencyIds: null };
  const agency = await db.agency.findUnique({ where: { id: agencyId }, select: { name: true } });
  if (!agency) throw invalidField("agencyId", "not_found", "agencyId names no agency");
  return { agencyId, agencyName: agency.name, agencyIds: await subtreeIds(db, agencyId) };
}
