// Numbers erased at the citizen's request (Law 91/2025) must never be messaged again, yet the number
// itself is gone: only its keyed one-way hash is kept (erased_numbers.hash, server/phone/hash.ts).
// The campaign engine skips such a number at launch (the snapshot, in SQL) and right before each
// send, as "suppressed": the same reason as an opt-out, on purpose. A reason of its own would tell
// campaign staff which recipient asked to be forgotten, and the effect (never message) is the same.
//
// The key: the process registers PRIVACY_HASH_KEY once at start (app.ts, worker.ts), like the
// messaging hooks, so the launch and the send paths need no new parameter. Until then the
// development key is used, which production refuses in config.ts, so a production process always
// has registered its own.
import { DEVELOPMENT_PRIVACY_HASH_KEY } from "../../../config.js";
import { Prisma } from "../../../generated/prisma/client.js";
import { phoneHash } from "../../../phone/hash.js";
import type { Db } from "../../../platform/db/client.js";

let hashKey = DEVELOPMENT_PRIVACY_HASH_KEY;

/** Registers the process's PRIVACY_HASH_KEY (from app.ts and worker.ts). */
export function registerErasedHashKey(key: string): void {
  hashKey = key;
}

/** The keyed hash of an E.164 number under the registered key. */
export function erasedHash(e164: string): string {
  return phoneHash(hashKey, e164);
}

/** Why a number was erased: a data-subject request's erasure, or a withdrawal of consent that asked for it. */
export type ErasedReason = "erasure" | "withdrawal";

/** Records the hash (idempotent). */
export async function addErasedNumber(db: Db, hash: string, reason: ErasedReason): Promise<void> {
  await db.$executeRaw`INSERT INTO erased_numbers (hash, reason) VALUES (${hash}, ${reason}) ON CONFLICT (hash) DO NOTHING`;
}

export async function isErased(db: Db, e164: string): Promise<boolean> {
  return (await db.erasedNumber.findUnique({ where: { hash: erasedHash(e164) }, select: { hash: true } })) !== null;
}

/**
 * SQL true when the number in `phone` (an SQL expression, e.g. c.phone) is erased: PostgreSQL computes
 * the same keyed hash as phoneHash, so a million-row snapshot is checked without a row through Node.
 */
export function erasedSql(phone: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`EXISTS (SELECT 1 FROM erased_numbers e
    WHERE e.hash = encode(sha256(convert_to(${hashKey} || ${phone}, 'UTF8')), 'hex'))`;
}
