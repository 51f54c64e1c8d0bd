// A change and the audit entry that records it commit in one transaction, or neither does. Every
// console write goes through here (and so do the campaign service's and dispatcher's own moves), so
// no change reaches the database without saying who made it, and caches are dropped only once it holds.
// Events that change nothing (a login, an export, a playback) write their entry with writeAudit.
import type { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../db/client.js";
import { type AuditEntry, writeAudit } from "./audit.js";

/** What the log keeps of one change: the record's id and its state before and after. */
export type AuditRecord = Pick<AuditEntry, "resourceId" | "before" | "after">;

export interface AuditedChange<T> {
  /** Who makes the change; null when the system does it on its own (the worker). */
  actorId: number | null;
  ip?: string | null;
  resource: AuditEntry["resource"];
  action: AuditEntry["action"];
  /** The change, inside the transaction; what it returns is handed to `audit` and to the caller. */
  write: (tx: Prisma.TransactionClient) => Promise<T>;
  /** What the log keeps of the change, from what `write` returned; null when nothing changed (no entry). */
  audit: (result: T) => AuditRecord | null;
  /** Runs once the change is committed, to drop caches that copy what changed; never after a failure. */
  afterCommit?: () => void;
  /** For changes that take longer than Prisma's default 5 s (an audience snapshot or fingerprint). */
  transaction?: { timeout?: number; maxWait?: number };
}

export async function auditedWrite<T>(db: Db, change: AuditedChange<T>): Promise<T> {
  const { actorId, ip, resource, action } = change;
  const result = await db.$transaction(async (tx) => {
    const result = await change.write(tx);
    const record = change.audit(result);
    if (record) await writeAudit(tx, { actorId, ip, resource, action, ...record });
    return result;
  }, change.transaction);
  change.afterCommit?.();
  return result;
}

export interface SettingChange<T> {
  actorId: number;
  ip: string;
  /** The document's key, as the audit log names it (resource "settings"). */
  key: string;
  read: (tx: Prisma.TransactionClient) => Promise<T>;
  save: (tx: Prisma.TransactionClient, value: T) => Promise<void>;
  value: T;
}

/** Replaces one settings document (the retention periods, the SMS policy…), its old value kept in the audit entry. */
export async function auditedSettingChange<T>(db: Db, change: SettingChange<T>): Promise<void> {
  await auditedWrite(db, {
    actorId: change.actorId,
    ip: change.ip,
    resource: "settings",
    action: "update",
    write: async (tx) => {
      const before = await change.read(tx);
      await change.save(tx, change.value);
      return before;
    },
    audit: (before) => ({ resourceId: change.key, before, after: change.value }),
  });
}
