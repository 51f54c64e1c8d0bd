// Each test file works in its own PostgreSQL database, copied from a migrated template, so files
// run in parallel and leave nothing behind.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { variables } from "../../server/config.js";

/** The migrated template of this test run, named by the global setup (runs may overlap on one machine). */
export function templateDatabase(): string {
  const name = process.env.TTHC_TEST_TEMPLATE;
  if (!name) throw new Error("TTHC_TEST_TEMPLATE is not set: run the tests through vitest (test/helpers/global-setup.ts)");
  return name;
}

/** Test database names carry their creation time, so a later run can remove what a killed run left. */
export function testDatabaseName(kind: "tpl" | "db"): string {
  return `tthc_test_${kind}_${Math.floor(Date.now() / 1000)}_${randomBytes(4).toString("hex")}`;
}

/** The server's DATABASE_URL (from the environment or the default), as the base for test databases. */
export function baseDatabaseUrl(): string {
  return process.env.DATABASE_URL || variables.DATABASE_URL.default;
}

export function databaseUrl(name: string): string {
  const url = new URL(baseDatabaseUrl());
  url.pathname = `/${name}`;
  return url.toString();
}

export async function withMaintenanceClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: databaseUrl("postgres") });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

export async function createTestDatabase(template: string | null = templateDatabase()): Promise<TestDatabase> {
  const name = testDatabaseName("db");
  await withMaintenanceClient((client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
