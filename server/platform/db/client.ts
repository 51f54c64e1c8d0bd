import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient } from "../../generated/prisma/client.js";

/**
 * The generated search columns (prisma/migrations/…_search_without_accents) exist to be searched
 * (list-query.ts searchWhere), not read: left out of every read, they never reach an API answer, an
 * audit entry or an export.
 */
const SEARCH_KEYS_OMITTED = {
  agency: { searchKey: true },
  user: { searchKey: true },
  segment: { searchKey: true },
  contactList: { searchKey: true },
  smsTemplate: { searchKey: true },
  smsSender: { searchKey: true },
  campaign: { searchKey: true },
  contact: { searchKey: true },
  knowledgeArticle: { searchKey: true },
} as const;

export type Db = PrismaClient<never, typeof SEARCH_KEYS_OMITTED>;

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
  const connections = new pg.Pool({
    connectionString: databaseUrl,
    ...(pool.max ? { max: pool.max } : {}),
    // Sent as connection options, so they hold for every session of the pool.
    ...(pool.statementTimeoutMs ? { statement_timeout: pool.statementTimeoutMs } : {}),
    ...(pool.lockTimeoutMs ? { lock_timeout: pool.lockTimeoutMs } : {}),
    // No JIT compilation: its estimate-driven trigger fires on short statements with a set-returning
    // input (a campaign part's facts, ~6 ms of work) and then spends 50–600 ms compiling them. Every
    // statement here is meant to answer in milliseconds, where JIT only costs.
    options: "-c jit=off",
  });
  // An idle connection that breaks (the database restarted or was cut off) must not take the process
  // down: the pool drops it, and the next query opens a new one.
  connections.on("error", () => {});
  const db = new PrismaClient({ adapter: new PrismaPg(connections, { disposeExternalPool: true }), omit: SEARCH_KEYS_OMITTED });
  pools.set(db, connections);
  return db;
}

const pools = new WeakMap<Db, pg.Pool>();

/**
 * The connections under a client, for the few statements every voice webhook runs
 * (server/hotline/voice/call-rows.ts): sent straight to pg, they skip Prisma's per-query work, which
 * under load cost more CPU than the statements themselves. Same pool, same settings, same limits.
 */
export function poolOf(db: Db): pg.Pool | undefined {
  return pools.get(db);
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
