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

/**
 * A read of the report roll-ups, without parallel workers: these reads are small by construction,
 * yet the planner gives some of them workers on its cost estimate, and on a busy machine the workers
 * start late (a 30-day wait histogram that reads in 3 ms took 90 ms waiting for two). A read-only
 * transaction allowing none: one round trip more than plainRows.
 */
export async function serialRows<T = unknown>(db: Db, statement: Prisma.Sql): Promise<T[]> {
  const pool = poolOf(db);
  if (!pool) {
    return db.$transaction(async (tx) => {
      await tx.$executeRaw`SET LOCAL max_parallel_workers_per_gather = 0`;
      return tx.$queryRaw<T[]>(statement);
    });
  }
  const client = await pool.connect();
  let broken = false;
  try {
    await client.query("BEGIN READ ONLY; SET LOCAL max_parallel_workers_per_gather = 0");
    const { rows } = await client.query(statement.text, statement.values);
    await client.query("COMMIT");
    return rows as T[];
  } catch (error) {
    await client.query("ROLLBACK").catch(() => {
      broken = true;
    });
    throw error;
  } finally {
    // A connection that could not even roll back is dropped rather than handed to the next query.
    client.release(broken);
  }
}
