// Working a case: assign, edit, state moves, transfer, answer, close, reopen, link a call. Each
// change takes the case's row lock, asks lifecycle.ts whether the move is allowed, and writes the
// case, its case_events row and the audit entry in one transaction (auditedWrite). Creating a case
// is in create.ts; the SMS a change calls for are queued by the caller once it has committed.
import type { SessionUser } from "../../access/auth/sessions.js";
import type { CaseState } from "../../contract/enums.js";
import type { AuditAction } from "../../contract/platform/audit-logs.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { conflict, invalidField, notFound } from "../../platform/http/errors.js";
import { canSeeCall } from "../call-log/access.js";
import { caseDeadline } from "./deadline.js";
import { applyMove, type CaseMove } from "./lifecycle.js";
import { loadSchedules } from "./schedules.js";
import { assertCanWork } from "./scope.js";

export interface CaseActor {
  user: SessionUser;
  ip: string | null;
}

type CaseRow = Prisma.CaseGetPayload<Record<string, never>>;

/** What the audit log keeps of a case: no phone number, no answer text (personal data stays in the case). */
export function auditView(row: CaseRow) {
  return {
    code: row.code,
    kind: row.kind,
    state: row.state,
    agencyId: row.agencyId,
    assigneeId: row.assigneeId,
    dueDate: row.dueDate.toISOString().slice(0, 10),
    escalationLevel: row.escalationLevel,
  };
}

type EventInput = Omit<Prisma.CaseEventUncheckedCreateInput, "caseId" | "actorId">;

interface Change {
  move: CaseMove;
  action: AuditAction;
  /** The update and the event, from the locked row; null when nothing changes (no event, no audit entry). */
  build: (
    row: CaseRow,
    to: CaseState,
    tx: Prisma.TransactionClient,
  ) => Promise<{ data: Prisma.CaseUncheckedUpdateInput; event: EventInput } | null>;
}

/** Locks the case, checks the move, writes the change, its event and its audit entry together. */
async function changeCase(
  db: Db,
  actor: CaseActor,
  id: number,
  change: Change,
  now: Date,
): Promise<{ before: CaseRow; after: CaseRow } | null> {
  const current = await db.case.findUnique({ where: { id }, select: { agencyId: true } });
  if (!current) throw notFound("No such case");
  await assertCanWork(db, actor.user, current.agencyId);
  return auditedWrite(db, {
    actorId: actor.user.id,
    ip: actor.ip,
    resource: "cases",
    action: change.action,
    write: async (tx) => {
      // The row lock orders concurrent changes: each sees the state the previous one left.
      await tx.$queryRaw`SELECT id FROM cases WHERE id = ${id} FOR UPDATE`;
      const before = await tx.case.findUniqueOrThrow({ where: { id } });
      // Passed on meanwhile: the new owner works it now.
      if (before.agencyId !== current.agencyId) await assertCanWork(db, actor.user, before.agencyId);
      const result = applyMove(before.state, change.move);
      if (!result.ok) throw conflict(result.message, { state: "tthc.validation.invalid" });
      const built = await change.build(before, result.to, tx);
      if (!built) return null;
      const after = await tx.case.update({ where: { id }, data: { ...built.data, updatedAt: now } });
      await tx.caseEvent.create({ data: { ...built.event, caseId: id, actorId: actor.user.id, createdAt: now } });
      return { before, after };
    },
    audit: (result) => (result ? { resourceId: id, before: auditView(result.before), after: auditView(result.after) } : null),
  });
}

export interface CaseEdit {
  citizenName?: string | null;
  topic?: string | null;
  procedureCode?: string | null;
  procedureName?: string | null;
  assigneeId?: number | null;
  /** in_progress or waiting_citizen; the other states have their own actions. */
  state?: CaseState;
}

/** PUT: details, the assignee (a staff member of the owning agency's subtree) and the working state. */
export async function updateCase(db: Db, actor: CaseActor, id: number, edit: CaseEdit, now = new Date()) {
  // react-admin sends the whole record back: only what differs from the case as it stands is a change,
  // and the state the record carries (its own) is no move.
  const current = await db.case.findUnique({ where: { id } });
  if (!current) throw notFound("No such case");
  const details = (["citizenName", "topic", "procedureCode", "procedureName"] as const).filter(
    (key) => edit[key] !== undefined && blankToNull(edit[key]) !== current[key],
  );
  const target = edit.state !== undefined && edit.state !== current.state ? edit.state : undefined;
  if (target !== undefined && target !== "in_progress" && target !== "waiting_citizen") {
    throw invalidField(
      "state",
      "invalid",
      "state may be set to in_progress or waiting_citizen; answer, close and reopen have their own actions",
    );
  }
  // Each part is its own event, so the history reads as what happened.
  if (details.length > 0) {
    await changeCase(
      db,
      actor,
      id,
      {
        move: { type: "edit" },
        action: "update",
        build: async (row) => {
          const data = Object.fromEntries(details.map((key) => [key, blankToNull(edit[key])]));
          const changed = details.filter((key) => row[key] !== data[key]);
          return changed.length === 0 ? null : { data, event: { type: "edited", data: { fields: changed } } };
        },
      },
      now,
    );
  }
  if (edit.assigneeId !== undefined && edit.assigneeId !== current.assigneeId) await assignCase(db, actor, id, edit.assigneeId, now);
  if (target !== undefined) {
    await changeCase(
      db,
      actor,
      id,
      {
        move: { type: target === "in_progress" ? "work" : "wait" },
        action: "update",
        build: async (row, to) =>
          row.state === to ? null : { data: { state: to }, event: { type: "state", fromState: row.state, toState: to } },
      },
      now,
    );
  }
}

async function assignCase(db: Db, actor: CaseActor, id: number, assigneeId: number | null, now: Date) {
  await changeCase(
    db,
    actor,
    id,
    {
      move: { type: "assign" },
      action: "update",
      build: async (row, _to, tx) => {
        if (row.assigneeId === assigneeId) return null;
        if (assigneeId !== null) {
          const inOwner = await tx.$queryRaw<{ ok: boolean }[]>`
          WITH RECURSIVE subtree AS (
            SELECT id FROM agencies WHERE id = ${row.agencyId}
            UNION SELECT a.id FROM agencies a JOIN subtree s ON a.parent_id = s.id)
          SELECT EXISTS (SELECT 1 FROM users WHERE id = ${assigneeId} AND active AND agency_id IN (SELECT id FROM subtree)) AS ok`;
          if (!inOwner[0]?.ok)
            throw invalidField("assigneeId", "not_found", "assigneeId must be an active staff member of the owning agency");
        }
        // A new case someone takes on is being worked.
        const state = assigneeId !== null && row.state === "new" ? "in_progress" : row.state;
        return {
          data: { assigneeId, state },
          event: { type: "assigned", data: { assigneeId }, ...(state !== row.state && { fromState: row.state, toState: state }) },
        };
      },
    },
    now,
  );
}

/** Passes the case to another agency with a reason. The deadline stays (the citizen was promised a date); nobody is texted. */
export async function transferCase(db: Db, actor: CaseActor, id: number, input: { agencyId: number; reason: string }, now = new Date()) {
  const reason = input.reason.trim();
  if (!reason) throw invalidField("reason", "required", "a transfer needs a reason");
  const target = await db.agency.findUnique({ where: { id: input.agencyId }, select: { id: true, active: true } });
  if (!target?.active) throw invalidField("agencyId", "not_found", "agencyId must be an active agency");
  return changeCase(
    db,
    actor,
    id,
    {
      move: { type: "transfer" },
      action: "transfer",
      build: async (row) => {
        if (row.agencyId === target.id) throw invalidField("agencyId", "invalid", "the case already belongs to this agency");
        return {
          // The assignee was someone of the old owner.
          data: { agencyId: target.id, assigneeId: null },
          event: { type: "transferred", fromAgencyId: row.agencyId, toAgencyId: target.id, reason },
        };
      },
    },
    now,
  );
}

/** Records the answer; the citizen is then texted that it is ready (case_answered). */
export async function answerCase(db: Db, actor: CaseActor, id: number, answer: string, now = new Date()) {
  const text = answer.trim();
  if (!text) throw invalidField("answer", "required", "the answer is empty");
  return changeCase(
    db,
    actor,
    id,
    {
      move: { type: "answer" },
      action: "answer",
      build: async (row, to) => ({
        data: { state: to, answer: text, answeredAt: now, answeredById: actor.user.id },
        event: { type: "answered", fromState: row.state, toState: to },
      }),
    },
    now,
  );
}

/** Closes the case; an answered one then gets its survey SMS (case_survey). */
export async function closeCase(db: Db, actor: CaseActor, id: number, reason: string | undefined, now = new Date()) {
  const text = reason?.trim() || null;
  return changeCase(
    db,
    actor,
    id,
    {
      move: { type: "close", reason: text },
      action: "close",
      build: async (row, to) => ({
        data: { state: to, closedAt: now },
        event: { type: "closed", fromState: row.state, toState: to, reason: text },
      }),
    },
    now,
  );
}

/** Reopens an answered or closed case, with a new deadline counted from today and no escalation. */
export async function reopenCase(db: Db, actor: CaseActor, id: number, reason: string | undefined, now = new Date()) {
  const text = reason?.trim() || null;
  return changeCase(
    db,
    actor,
    id,
    {
      move: { type: "reopen" },
      action: "reopen",
      build: async (row, to, tx) => {
        const level = await tx.caseServiceLevel.findUnique({ where: { kind: row.kind } });
        const schedules = await loadSchedules(tx, now);
        const due = caseDeadline(schedules(row.agencyId), now, level?.workingDays ?? 5);
        return {
          data: {
            state: to,
            closedAt: null,
            dueDate: new Date(`${due.dueDate}T00:00:00Z`),
            dueAt: due.dueAt,
            escalationLevel: 0,
            escalatedAt: null,
          },
          event: { type: "reopened", fromState: row.state, toState: to, reason: text, data: { dueDate: due.dueDate } },
        };
      },
    },
    now,
  );
}

/** Links a call about this case (the citizen called again, staff called back). Linking twice changes nothing. */
export async function linkCall(db: Db, actor: CaseActor, id: number, callId: number, now = new Date()) {
  const call = await db.call.findUnique({ where: { id: callId }, select: { id: true, agencyId: true, staffId: true } });
  if (!call || !(await canSeeCall(db, actor.user, call))) throw invalidField("callId", "not_found", "callId is not a call you can see");
  return changeCase(
    db,
    actor,
    id,
    {
      move: { type: "link_call" },
      action: "update",
      build: async (row, _to, tx) => {
        const inserted = await tx.$executeRaw`
        INSERT INTO case_calls (case_id, call_id, linked_by_id, created_at) VALUES (${row.id}, ${callId}, ${actor.user.id}, ${now})
        ON CONFLICT DO NOTHING`;
        return inserted === 0 ? null : { data: {}, event: { type: "call_linked", data: { callId } } };
      },
    },
    now,
  );
}

function blankToNull(value: string | null | undefined): string | null {
  return value == null || value.trim() === "" ? null : value.trim();
}
