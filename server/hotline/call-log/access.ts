// Who may see, annotate and listen to a call. Administrators and province-wide roles (viewers,
// campaign staff) see every call; supervisors and agents only calls that reached an agency of their
// subtree, plus any call they answered themselves. A transferred call counts for every agency and
// staff member on its legs (call_legs): the first agency keeps the call it passed on, and the staff
// member who passed it finishes their note. Calls with no agency (hung up in the IVR) are
// province-wide only.

import type { SessionUser } from "../../access/auth/sessions.js";
import { visibleAgencyIds } from "../../agencies/scope.js";
import { rolesHold } from "../../contract/permissions.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { type PhoneAccess, phoneAccess } from "../../phone/access.js";
import type { Db } from "../../platform/db/client.js";
import { forbidden } from "../../platform/http/errors.js";

interface CallScopeRow {
  id: number;
  agencyId: number | null;
  staffId: number | null;
}

/** Legs of a call that bring it into the user's scope: their own, or of an agency they see. */
const legsInScope = (user: SessionUser, visible: number[]): Prisma.CallLegWhereInput => ({
  OR: [{ staffId: user.id }, { agencyId: { in: visible } }],
});

/** The where-clause limiting calls to what the user may see ({} for everyone). */
export async function callScope(db: Db, user: SessionUser): Promise<Prisma.CallWhereInput> {
  const visible = await visibleAgencyIds(db, user);
  return visible ? { OR: [{ agencyId: { in: visible } }, { staffId: user.id }, { legs: { some: legsInScope(user, visible) } }] } : {};
}

export async function canSeeCall(db: Db, user: SessionUser, call: CallScopeRow): Promise<boolean> {
  if (call.staffId === user.id) return true;
  const visible = await visibleAgencyIds(db, user);
  if (visible === null || (call.agencyId !== null && visible.includes(call.agencyId))) return true;
  return (await db.callLeg.count({ where: { callId: call.id, ...legsInScope(user, visible) } })) > 0;
}

export async function assertCanSeeCall(db: Db, user: SessionUser, call: CallScopeRow): Promise<void> {
  if (!(await canSeeCall(db, user, call))) throw forbidden("This call is outside your agency");
}

/**
 * Notes: the staff members who answered it (any leg: one who passed the call on still writes theirs),
 * supervisors of an agency subtree it reached, administrators.
 */
export async function canAddNote(db: Db, user: SessionUser, call: CallScopeRow): Promise<boolean> {
  if (user.roles.includes("admin")) return true;
  if (call.staffId === user.id) return true;
  if ((await db.callLeg.count({ where: { callId: call.id, staffId: user.id, answeredAt: { not: null } } })) > 0) return true;
  if (!user.roles.includes("supervisor")) return false;
  const visible = await visibleAgencyIds(db, user);
  if (visible === null) return true;
  if (call.agencyId !== null && visible.includes(call.agencyId)) return true;
  return (await db.callLeg.count({ where: { callId: call.id, agencyId: { in: visible } } })) > 0;
}

/**
 * Callers' numbers: in full, and searchable, for staff handling calls (they call back); masked for
 * report readers, who may not filter by caller either: a filter by a whole number would tell them
 * whether that person called.
 */
export function callerPhoneAccess(user: SessionUser): PhoneAccess {
  return phoneAccess(rolesHold(user.roles, "calls:caller-numbers") ? "full" : "masked");
}
