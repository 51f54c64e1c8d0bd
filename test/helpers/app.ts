// Builds the real app against this file's own database and Redis key prefix.
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, InjectOptions } from "fastify";
import { Redis } from "ioredis";
import { hashPassword } from "../../server/access/auth/password.js";
import { buildApp } from "../../server/app.js";
import { type Config, loadConfig } from "../../server/config.js";
import type { AgencyKind, Role } from "../../server/generated/prisma/enums.js";
import { createDb, type Db } from "../../server/platform/db/client.js";
import { createTestDatabase, type TestDatabase } from "./database.js";

export function testConfig(overrides: Record<string, string> = {}): Config {
  const prefix = `test-${randomBytes(5).toString("hex")}`;
  return loadConfig({
    ...process.env,
    NODE_ENV: "test",
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? "silent",
    REDIS_PREFIX: prefix,
    // A loaded test machine must not turn slow steps into degraded answers in tests about other
    // things; test/integration/hotline/degraded-calls.test.ts sets the production budget itself.
    VOICE_STEP_BUDGET_MS: "10000",
    DEGRADED_JOURNAL_FILE: join(tmpdir(), `tthc-${prefix}`, "voice-journal.jsonl"),
    ...overrides,
  });
}

export interface TestApp {
  app: FastifyInstance;
  db: Db;
  config: Config;
  database: TestDatabase;
  close(): Promise<void>;
}

/** Deletes every Redis key under the prefix, so a test file leaves Redis as it found it. */
export async function clearRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl);
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}

/**
 * Makes app.inject send `Origin: <PUBLIC_BASE_URL>` like the console's browser does on every
 * state-changing request (the API refuses those without it: server/platform/plugins/app/same-origin.ts).
 * A test states another origin in its headers, or none with `origin: undefined`.
 */
export function injectFromConsole(app: FastifyInstance, origin: string): void {
  const inject = app.inject.bind(app) as (options: InjectOptions) => ReturnType<FastifyInstance["inject"]>;
  app.inject = ((options: InjectOptions | string) => {
    const request = typeof options === "string" ? { url: options } : options;
    const headers = Object.fromEntries(Object.entries({ origin, ...request.headers }).filter(([, value]) => value !== undefined));
    return inject({ ...request, headers });
  }) as FastifyInstance["inject"];
}

export interface TestAppOptions {
  /** The URL the app reaches its database by (e.g. through a test/helpers/tcp-proxy.ts proxy); the test's own client stays direct. */
  appDatabaseUrl?: (url: string) => string;
}

export async function startTestApp(overrides: Record<string, string> = {}, options: TestAppOptions = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = testConfig({ DATABASE_URL: options.appDatabaseUrl?.(database.url) ?? database.url, ...overrides });
  const app = await buildApp(config);
  injectFromConsole(app, config.PUBLIC_BASE_URL);
  const db = createDb(database.url);
  return {
    app,
    db,
    config,
    database,
    async close() {
      await app.close();
      await db.$disconnect();
      await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
      await database.drop();
    },
  };
}

export const PASSWORD = "mat-khau-thu-nghiem";

// Hashing is slow on purpose: each password is hashed once per test file, whatever the number of users.
const hashes = new Map<string, Promise<string>>();
function hashOnce(password: string): Promise<string> {
  const hash = hashes.get(password) ?? hashPassword(password);
  hashes.set(password, hash);
  return hash;
}

export interface NewUser {
  username: string;
  roles: Role[];
  agencyId: number;
  /** The username unless given. */
  name?: string;
  email?: string;
  /** PASSWORD unless given. */
  password?: string;
  /** The phone the hotline rings (staff). */
  phone?: string;
  presence?: "available" | "away" | "offline";
}

/** A user straight in the database, who then logs in through the real endpoint (`login`). */
export async function createUser(db: Db, { name, password = PASSWORD, ...user }: NewUser) {
  return db.user.create({ data: { ...user, name: name ?? user.username, passwordHash: await hashOnce(password) } });
}

/** A small province: root → department → unit, and two wards, with a user of each role. */
export async function seedSmallProvince(db: Db) {
  const agency = (code: string, name: string, kind: AgencyKind, parentId: number | null = null) =>
    db.agency.create({ data: { code, name, kind, parentId } });
  const province = await agency("GL", "UBND tỉnh Gia Lai", "province");
  const department = await agency("STP", "Sở Tư pháp", "department", province.id);
  const unit = await agency("STP-HCTP", "Phòng Hành chính tư pháp", "unit", department.id);
  const wardA = await agency("P-QUYNHON", "Phường Quy Nhơn", "ward", province.id);
  const wardB = await agency("P-PLEIKU", "Phường Pleiku", "ward", province.id);

  const user = (username: string, roles: Role[], agencyId: number) => createUser(db, { username, roles, agencyId });
  const users = {
    admin: await user("admin", ["admin"], province.id),
    supervisor: await user("stp.giamsat", ["supervisor"], department.id),
    agent: await user("quynhon.nv1", ["agent"], wardA.id),
    viewer: await user("lanhdao.xem", ["viewer"], province.id),
  };
  return { agencies: { province, department, unit, wardA, wardB }, users };
}

/** Logs in through the real endpoint and returns the Cookie header to send afterwards. */
export async function login(app: FastifyInstance, username: string, password = PASSWORD): Promise<string> {
  const response = await app.inject({ method: "POST", url: "/api/auth/login", payload: { username, password } });
  if (response.statusCode !== 200) throw new Error(`login as ${username} failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === "tthc_session");
  if (!cookie) throw new Error("no session cookie");
  return `${cookie.name}=${cookie.value}`;
}

/** Logs each of `users` in with PASSWORD, in turn: their Cookie headers under the same keys. */
export async function loginAll<Key extends string>(
  app: FastifyInstance,
  users: Record<Key, { username: string }>,
): Promise<Record<Key, string>> {
  const cookies = {} as Record<Key, string>;
  for (const [key, user] of Object.entries(users) as [Key, { username: string }][]) cookies[key] = await login(app, user.username);
  return cookies;
}

/** ra-data-simple-rest style query string. */
export function listUrl(resource: string, params: { sort?: [string, string]; range?: [number, number]; filter?: object } = {}): string {
  const query = new URLSearchParams();
  if (params.sort) query.set("sort", JSON.stringify(params.sort));
  if (params.range) query.set("range", JSON.stringify(params.range));
  if (params.filter) query.set("filter", JSON.stringify(params.filter));
  const text = query.toString();
  return `/api/${resource}${text ? `?${text}` : ""}`;
}
