// The platform's holders: the audit log (kept, with the number replaced by its token) and the erased
// numbers' hashes themselves (kept: they are what stops a message).
import { Prisma } from "../../generated/prisma/client.js";
import { privacyHash } from "../hash.js";
import { KEPT_REASONS, mentions, plain, redacted, tokenOf } from "./match.js";
import type { Holder } from "./types.js";

const auditText = (column: string) => Prisma.sql`coalesce(${Prisma.raw(column)}, '')`;
const namesNumber = (phone: string) =>
  Prisma.sql`(${mentions(auditText("resource_id"), phone)} OR ${mentions(auditText("before::text"), phone)}
    OR ${mentions(auditText("after::text"), phone)})`;
const namesToken = (phone: string) => {
  const like = `%${tokenOf(phone)}%`;
  return Prisma.sql`(resource_id LIKE ${like} OR before::text LIKE ${like} OR after::text LIKE ${like})`;
};

/**
 * Entries naming the number in clear (resource id, before, after) or, once erased, its token. The
 * phone look-up entries (platform/audit/phone-lookups.ts) hold only a masked number, which identifies
 * no one and is not matched.
 */
export const auditLogs: Holder = {
  model: "AuditLog",
  kind: "audit-log",
  find: async (db, phone) =>
    (
      await db.$queryRaw<Record<string, unknown>[]>`SELECT id, actor_id AS "actorId", action, resource, resource_id AS "resourceId",
        before, after, created_at AS "createdAt"
      FROM audit_logs WHERE ${namesNumber(phone)} OR ${namesToken(phone)} ORDER BY id`
    ).map(plain),
  async erase(ctx, phone) {
    const anonymised = await ctx.db.$executeRaw`UPDATE audit_logs
      SET resource_id = ${redacted(Prisma.sql`resource_id`, phone)},
        before = ${redacted(Prisma.sql`before::text`, phone)}::jsonb,
        after = ${redacted(Prisma.sql`after::text`, phone)}::jsonb
      WHERE ${namesNumber(phone)}`;
    const [kept] = await ctx.db.$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM audit_logs WHERE ${namesToken(phone)}`;
    const n = kept?.n ?? 0;
    return { erased: 0, anonymised, kept: n, ...(n > 0 ? { keptReason: KEPT_REASONS.auditLogs } : {}) };
  },
  link: (record) => `/audit-logs/${record.id}/show`,
};

export const erasedNumbers: Holder = {
  model: "ErasedNumber",
  kind: "erased-numbers",
  find: async (db, phone) =>
    (
      await db.$queryRaw<Record<string, unknown>[]>`SELECT hash AS id, hash, reason, created_at AS "createdAt"
      FROM erased_numbers WHERE hash = ${privacyHash(phone)}`
    ).map(plain),
  async erase(ctx) {
    const kept = await ctx.db.erasedNumber.count({ where: { hash: ctx.phoneHash } });
    return { erased: 0, anonymised: 0, kept, ...(kept > 0 ? { keptReason: KEPT_REASONS.erasedNumbers } : {}) };
  },
};

/**
 * The data-subject requests made for the number (found by the number or, once it is cleared, by its
 * hash): kept as proof the request was handled (Decree 356); retention clears the number 30 days after
 * completion (server/privacy/retention/purge.ts), so the erasure itself leaves it for the officer.
 */
export const privacyRequests: Holder = {
  model: "DataSubjectRequest",
  kind: "privacy-requests",
  find: async (db, phone) =>
    (
      await db.dataSubjectRequest.findMany({
        where: { OR: [{ phone }, { phoneHash: privacyHash(phone) }] },
        select: { id: true, reference: true, phone: true, kind: true, state: true, receivedAt: true, completedAt: true },
        orderBy: { id: "asc" },
      })
    ).map((row) => plain(row)),
  async erase(ctx, phone) {
    const kept = await ctx.db.dataSubjectRequest.count({ where: { OR: [{ phone }, { phoneHash: ctx.phoneHash }] } });
    return { erased: 0, anonymised: 0, kept, ...(kept > 0 ? { keptReason: KEPT_REASONS.privacyRequests } : {}) };
  },
  link: (record) => `/privacy-requests/${record.id}/show`,
};
