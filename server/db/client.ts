import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.js";

export type Db = PrismaClient;

/** Bounds of the connection pool; undefined fields keep pg's and PostgreSQL's defaults. */
export interface PoolSettings {
  /** Connections kept at most. */
  max?: number;
  /** Milliseconds after which PostgreSQL cancels a statement (0: none). */
  statementTimeoutMs?: number;
  /** Milliseconds a statement waits for a lock before failing (0: none). */
  lockTimeoutMs?: number;
}

export function createDb(databaseUrl: string, pool: PoolSettings = {}): Db {
  return new PrismaClient({
    adapter: new PrismaPg({
      connectionString: databaseUrl,
      ...(pool.max ? { max: pool.max } : {}),
      // Sent as connection options, so they hold for every session of the pool.
      ...(pool.statementTimeoutMs ? { statement_timeout: pool.statementTimeoutMs } : {}),
      ...(pool.lockTimeoutMs ? { lock_timeout: pool.lockTimeoutMs } : {}),
    }),
  });
}

/** The pool settings of a process, from its configuration. */
export function poolSettings(config: {
  DATABASE_POOL_SIZE: number;
  DATABASE_STATEMENT_TIMEOUT_MS: number;
  DATABASE_LOCK_TIMEOUT_MS: number;
}): PoolSettings {
  return {
    max: config.DATABASE_POOL_SIZE,
    statementTimeoutMs: config.DATABASE_STATEMENT_TIMEOUT_MS,
    lockTimeoutMs: config.DATABASE_LOCK_TIMEOUT_MS,
  };
}
