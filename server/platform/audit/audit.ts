import type { AuditAction, AuditResource } from "../../contract/platform/audit-logs.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../db/client.js";

export interface AuditEntry {
  actorId: number | null;
  action: AuditAction;
  resource: AuditResource;
  resourceId?: string | number | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

type AuditWriter = Pick<Db, "auditLog"> | Prisma.TransactionClient;

const json = (value: unknown) =>
  value === undefined || value === null ? undefined : (JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue);

/**
 * Appends one entry. Changes go through auditedWrite (audited-write.ts), which calls this inside their
 * transaction; call it directly only for events that change nothing (a login, an export, a playback).
 */
export async function writeAudit(db: AuditWriter, entry: AuditEntry): Promise<void> {
  await db.auditLog.create({
    data: {
      actorId: entry.actorId,
      action: entry.action,
      resource: entry.resource,
      resourceId: entry.resourceId == null ? null : String(entry.resourceId),
      before: json(entry.before),
      after: json(entry.after),
      ip: entry.ip ?? null,
    },
  });
}
