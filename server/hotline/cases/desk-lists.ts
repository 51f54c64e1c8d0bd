// The cases on a staff member's desk (server/hotline/desk/routes.ts, GET /api/desk/lists): the open
// ones assigned to them, due first, and for supervisors and administrators the overdue ones raised to
// them. Both are the cases list's own rules (caseScope, overdueWhere, escalatedToWhere), so the desk
// shows exactly what the list's quick filters "Giao cho tôi" and "Quá hạn báo lên tôi" find.
import type { SessionUser } from "../../access/auth/sessions.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { isOverdue, OPEN_STATES, overdueWhere } from "./lifecycle.js";
import { caseScope, escalatedToWhere } from "./scope.js";

const deskCaseSelect = {
  id: true,
  code: true,
  kind: true,
  state: true,
  topic: true,
  dueDate: true,
  dueAt: true,
  escalationLevel: true,
  agency: { select: { name: true } },
} as const satisfies Prisma.CaseSelect;
type DeskCaseRow = Prisma.CaseGetPayload<{ select: typeof deskCaseSelect }>;

const present = (row: DeskCaseRow, now: Date) => ({
  id: row.id,
  code: row.code,
  kind: row.kind,
  state: row.state,
  topic: row.topic,
  agencyName: row.agency.name,
  dueDate: row.dueDate.toISOString().slice(0, 10),
  dueAt: row.dueAt,
  overdue: isOverdue(row.state, row.dueAt, now),
  escalationLevel: row.escalationLevel,
});
export type DeskCase = ReturnType<typeof present>;

const ORDER: Prisma.CaseOrderByWithRelationInput[] = [{ dueAt: "asc" }, { id: "asc" }];

/** Open cases assigned to the user ("Giao cho tôi"; the assignee is always in the case's scope), due first. */
export async function myOpenCases(db: Db, user: SessionUser, now: Date, take: number): Promise<DeskCase[]> {
  const rows = await db.case.findMany({
    where: { assigneeId: user.id, state: { in: [...OPEN_STATES] } },
    orderBy: ORDER,
    take,
    select: deskCaseSelect,
  });
  return rows.map((row) => present(row, now));
}

/**
 * Overdue open cases escalated to a supervisor or administrator ("Quá hạn báo lên tôi"), the oldest
 * deadline first, with their count; null for anyone else, to whom nothing is raised.
 */
export async function escalatedCasesFor(
  db: Db,
  user: SessionUser,
  now: Date,
  take: number,
): Promise<{ count: number; cases: DeskCase[] } | null> {
  if (!user.roles.includes("admin") && !user.roles.includes("supervisor")) return null;
  const where: Prisma.CaseWhereInput = { AND: [await caseScope(db, user), overdueWhere(now), escalatedToWhere(user)] };
  const [count, rows] = await Promise.all([
    db.case.count({ where }),
    db.case.findMany({ where, orderBy: ORDER, take, select: deskCaseSelect }),
  ]);
  return { count, cases: rows.map((row) => present(row, now)) };
}
