// Each test file works in its own PostgreSQL database, copied from a migrated template, so files
// run in parallel and leave nothing behind.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { variables } from "../../server/config.js";

export const TEMPLATE_DATABASE = "tthc_test_template";

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

export async function createTestDatabase(template: string | null = TEMPLATE_DATABASE): Promise<TestDatabase> {
  const name = `tthc_test_${randomBytes(6).toString("hex")}`;
  await withMaintenanceClient((client) => client.query(`CREATE DATABASE "${name}"${template ? ` TEMPLATE "${template}"` : ""}`));
  return {
    name,
    url: databaseUrl(name),
    drop: () => withMaintenanceClient((client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
}
