// Who sees and who works which case. Administrators and province-wide readers (viewers) see every
// case; supervisors and agents the cases their agency subtree owns now, the cases it owned before
// (a `transferred` event from one of its agencies: the history stays with whoever passed it on, like
// call legs), and any case assigned to them. Only the current owner's subtree (and administrators)
// work a case: an agency that passed one on reads it, no more.
//
// Escalation level 2 raises an overdue case to the parent agency's supervisors. The parent's subtree
// holds the owner, so they already see it; what level 2 changes is what is *raised to them*
// (escalatedToWhere: the cases list's `escalated` filter and the desk's overdue count).
import type { SessionUser } from "../../access/auth/sessions.js";
import { visibleAgencyIds } from "../../agencies/scope.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { forbidden, notFound } from "../../platform/http/errors.js";

/** The where-clause limiting cases to what the user may see ({} for everyone). */
export async function caseScope(db: Db, user: SessionUser): Promise<Prisma.CaseWhereInput> {
  const visible = await visibleAgencyIds(db, user);
  if (!visible) return {};
  return {
    OR: [
      { agencyId: { in: visible } },
      { assigneeId: user.id },
      { events: { some: { type: "transferred", fromAgencyId: { in: visible } } } },
    ],
  };
}

/** The case if the user may see it: 404 when it does not exist or lies outside their scope (no probing by id). */
export async function findVisibleCase(db: Db, user: SessionUser, id: number) {
  const found = await db.case.findFirst({ where: { AND: [{ id }, await caseScope(db, user)] }, select: { id: true, agencyId: true } });
  if (!found) throw notFound("No such case");
  return found;
}

/** Whether the user may work (change) a case of `agencyId`: the owner's subtree, or administrators. */
export async function canWork(db: Db, user: SessionUser, agencyId: number): Promise<boolean> {
  const visible = await visibleAgencyIds(db, user);
  return !visible || visible.includes(agencyId);
}

export async function assertCanWork(db: Db, user: SessionUser, agencyId: number): Promise<void> {
  if (!(await canWork(db, user, agencyId))) throw forbidden("This case belongs to another agency now; only its owner works it");
}

/**
 * Overdue cases raised to this user: level 1 and above to the supervisors of the owning agency,
 * level 2 also to the supervisors of its parent. Administrators: every escalated case.
 */
export function escalatedToWhere(user: SessionUser): Prisma.CaseWhereInput {
  if (user.roles.includes("admin") || !user.roles.includes("supervisor")) return { escalationLevel: { gte: 1 } };
  return {
    OR: [
      { escalationLevel: { gte: 1 }, agencyId: user.agency.id },
      { escalationLevel: 2, agency: { parentId: user.agency.id } },
    ],
  };
}
