// One statement as plain SQL, straight on the client's pool (poolOf) when not in a transaction, else in
// the transaction through Prisma. For statements run on every request of a hot path (the voice
// webhooks, the session check, the reports): under load Prisma's per-query work (compiling the query,
// converting every value) cost more CPU than PostgreSQL did. Columns come back as pg reads them, so a
// statement cast what it returns to types pg maps as Prisma would (int, float8, text, bool, timestamptz,
// arrays of those): a bigint or numeric would arrive as a string.
import type { Prisma } from "../../generated/prisma/client.js";
import { type Db, poolOf } from "./client.js";

export async function plainRows<T = unknown>(db: Db | Prisma.TransactionClient, statement: Prisma.Sql): Promise<T[]> {
  const pool = poolOf(db as Db);
  if (pool) return (await pool.query(statement.text, statement.values)).rows as T[];
  return (db as Prisma.TransactionClient).$queryRaw<T[]>(statement);
}
