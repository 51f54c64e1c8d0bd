// The requests register's writes: record a request (reference from the per-year counter, number
// normalised and hashed, deadlines on the province's schedule), edit it, and move it through its
// lifecycle. Each change takes the request's row lock, asks lifecycle.ts, and writes the request and
// its audit entry in one transaction (auditedWrite). The audit log never holds the number in clear.
import type { SessionUser } from "../../access/auth/sessions.js";
import { vietnamClock } from "../../clock/vietnam-time.js";
import { rolesHold } from "../../contract/permissions.js";
import type { AuditAction } from "../../contract/platform/audit-logs.js";
import type { PrivacyRequestCreate, PrivacyRequestUpdate } from "../../contract/privacy/requests.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { phoneHashToken as auditPhone, phoneHash } from "../../phone/hash.js";
import { normalizeVietnamesePhone } from "../../phone/normalize.js";
import { auditedWrite } from "../../platform/audit/audited-write.js";
import type { Db } from "../../platform/db/client.js";
import { conflict, invalidField, notFound } from "../../platform/http/errors.js";
import { requestDeadlines } from "./deadlines.js";
import { applyRequestMove, type RequestMove } from "./lifecycle.js";
import { formatRequestReference } from "./reference.js";
import { provinceSchedule } from "./schedule.js";

export interface RequestActor {
  user: SessionUser;
  ip: string | null;
}

export type RequestRow = Prisma.DataSubjectRequestGetPayload<Record<string, never>>;

const day = (date: Date) => date.toISOString().slice(0, 10);

/** What the audit log keeps of a request: its hash stands for the number; no free text (it may name people). */
export function auditView(row: RequestRow) {
  return {
    reference: row.reference,
    phone: auditPhone(row.phoneHash),
    kind: row.kind,
    channel: row.channel,
    state: row.state,
    handlerId: row.handlerId,
    acknowledgeBy: day(row.acknowledgeBy),
    completeBy: day(row.completeBy),
  };
}

/** The number in E.164, or a 400 naming the field. */
export function requestPhone(input: string, field = "phone"): string {
  const phone = normalizeVietnamesePhone(input);
  if (!phone.ok) throw invalidField(field, "phone_invalid", `${field} is not a Vietnamese phone number`);
  return phone.e164;
}

export async function createRequest(
  db: Db,
  hashKey: string,
  actor: RequestActor,
  input: PrivacyRequestCreate,
  now = new Date(),
): Promise<RequestRow> {
  const phone = requestPhone(input.phone);
  const requesterName = input.requesterName.trim();
  if (!requesterName) throw invalidField("requesterName", "required", "requesterName is required");
  const identityCheck = input.identityCheck.trim();
  if (!identityCheck) throw invalidField("identityCheck", "required", "identityCheck is required: say how identity was checked");
  const receivedAt = input.receivedAt === undefined ? now : new Date(input.receivedAt);
  if (Number.isNaN(receivedAt.getTime())) throw invalidField("receivedAt", "invalid", "receivedAt is not a date");
  if (receivedAt.getTime() > now.getTime() + 60_000) throw invalidField("receivedAt", "invalid", "receivedAt cannot be in the future");
  // A letter dated years back is a typing error, not a request: the register starts with the law.
  if (receivedAt.getTime() < Date.UTC(2025, 0, 1)) throw invalidField("receivedAt", "invalid", "receivedAt is too far in the past");

  const deadlines = requestDeadlines(await provinceSchedule(db, receivedAt), receivedAt);
  const year = Number(vietnamClock(receivedAt).date.slice(0, 4));
  return auditedWrite(db, {
    actorId: actor.user.id,
    ip: actor.ip,
    resource: "privacy-requests",
    action: "create",
    write: async (tx) => {
      // The counter row's lock: two requests never share a number; a rolled-back one gives it back.
      const [counter] = await tx.$queryRaw<{ last: number }[]>`
        INSERT INTO data_subject_request_counters (year, last) VALUES (${year}, 1)
        ON CONFLICT (year) DO UPDATE SET last = data_subject_request_counters.last + 1
        RETURNING last`;
      return tx.dataSubjectRequest.create({
        data: {
          reference: formatRequestReference(year, counter?.last ?? 1),
          phone,
          phoneHash: phoneHash(hashKey, phone),
          requesterName,
          identityCheck,
          kind: input.kind,
          channel: input.channel,
          receivedAt,
          acknowledgeBy: new Date(`${deadlines.acknowledgeBy}T00:00:00Z`),
          completeBy: new Date(`${deadlines.completeBy}T00:00:00Z`),
          handlerId: actor.user.id,
          createdAt: now,
          updatedAt: now,
        },
      });
    },
    audit: (row) => ({ resourceId: row.id, after: auditView(row) }),
  });
}

/** Locks the request, checks the move, writes the change and its audit entry together. */
async function changeRequest(
  db: Db,
  actor: RequestActor,
  id: number,
  move: RequestMove,
  action: AuditAction,
  build: (row: RequestRow, to: RequestRow["state"]) => Promise<Prisma.DataSubjectRequestUncheckedUpdateInput | null>,
  now: Date,
): Promise<RequestRow> {
  const result = await auditedWrite(db, {
    actorId: actor.user.id,
    ip: actor.ip,
    resource: "privacy-requests",
    action,
    write: async (tx) => {
      // The row lock orders concurrent changes: each sees the state the previous one left.
      const locked = await tx.$queryRaw<{ id: number }[]>`SELECT id FROM data_subject_requests WHERE id = ${id} FOR UPDATE`;
      if (locked.length === 0) throw notFound("No such request");
      const before = await tx.dataSubjectRequest.findUniqueOrThrow({ where: { id } });
      const result = applyRequestMove(before.state, move);
      if (!result.ok) throw conflict(result.message, { state: "tthc.validation.invalid" });
      const data = await build(before, result.to);
      if (!data) return { before, after: before, changed: false };
      const after = await tx.dataSubjectRequest.update({ where: { id }, data: { ...data, state: result.to, updatedAt: now } });
      return { before, after, changed: true };
    },
    audit: ({ before, after, changed }) => (changed ? { resourceId: id, before: auditView(before), after: auditView(after) } : null),
  });
  return result.after;
}

async function assertHandler(db: Db, handlerId: number): Promise<void> {
  const user = await db.user.findUnique({ where: { id: handlerId }, select: { active: true, roles: true } });
  if (!user?.active || !rolesHold(user.roles, "privacy-requests:handle")) {
    throw invalidField("handlerId", "not_found", "handlerId must be an active user who handles privacy requests");
  }
}

export async function updateRequest(db: Db, actor: RequestActor, id: number, input: PrivacyRequestUpdate, now = new Date()) {
  if (input.handlerId !== undefined && input.handlerId !== null) await assertHandler(db, input.handlerId);
  const requesterName = input.requesterName?.trim();
  if (input.requesterName !== undefined && !requesterName) throw invalidField("requesterName", "required", "requesterName is required");
  const identityCheck = input.identityCheck?.trim();
  if (input.identityCheck !== undefined && !identityCheck) throw invalidField("identityCheck", "required", "identityCheck is required");
  return changeRequest(
    db,
    actor,
    id,
    { type: "edit" },
    "update",
    async (row) => {
      const data: Prisma.DataSubjectRequestUncheckedUpdateInput = {};
      if (requesterName !== undefined && requesterName !== row.requesterName) data.requesterName = requesterName;
      if (identityCheck !== undefined && identityCheck !== row.identityCheck) data.identityCheck = identityCheck;
      if (input.handlerId !== undefined && input.handlerId !== row.handlerId) data.handlerId = input.handlerId;
      const outcome = input.outcome === undefined ? undefined : input.outcome?.trim() || null;
      if (outcome !== undefined && outcome !== row.outcome) data.outcome = outcome;
      return Object.keys(data).length > 0 ? data : null;
    },
    now,
  );
}

/** Acknowledge, start, complete or reject: the lifecycle's actions. */
export async function moveRequest(db: Db, actor: RequestActor, id: number, move: Exclude<RequestMove, { type: "edit" }>, now = new Date()) {
  const action: AuditAction = move.type === "acknowledge" ? "acknowledge" : move.type === "start" ? "start_handling" : move.type;
  return changeRequest(
    db,
    actor,
    id,
    move,
    action,
    async (row) => {
      // Whoever acts on a request without a handler takes it.
      const handler = row.handlerId === null ? { handlerId: actor.user.id } : {};
      switch (move.type) {
        case "acknowledge":
          return { ...handler, acknowledgedAt: now };
        case "start":
          return { ...handler, acknowledgedAt: row.acknowledgedAt ?? now };
        case "complete":
          return { ...handler, completedAt: now, outcome: move.outcome.trim() };
        case "reject":
          return { ...handler, completedAt: now, outcome: move.reason.trim() };
      }
    },
    now,
  );
}
