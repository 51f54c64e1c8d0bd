// A real server with the built console on a free port, for browser tests: its own database (the demo
// seed or a test's own data), its own Redis prefix, and a login helper that fails at the step that broke.
import { existsSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { Page } from "playwright-core";
import { buildApp } from "../../server/app.js";
import type { Config } from "../../server/config.js";
import { createDb, type Db } from "../../server/platform/db/client.js";
import { clearRedisPrefix, testConfig } from "./app.js";
import { createTestDatabase, type TestDatabase } from "./database.js";
import { freePort, ROOT } from "./processes.js";

export interface ConsoleServer {
  app: FastifyInstance;
  db: Db;
  base: string;
  config: Config;
  close(): Promise<void>;
}

export async function startConsoleServer(
  prepare: (db: Db, database: TestDatabase) => Promise<void>,
  overrides: Partial<Config> = {},
): Promise<ConsoleServer> {
  if (!existsSync(`${ROOT}/admin/dist/index.html`)) throw new Error("admin/dist is missing: run `npm run build:admin` first");
  const database = await createTestDatabase();
  const db = createDb(database.url);
  await prepare(db, database);
  // The browser's origin is the server's public URL, as in production: the API refuses
  // state-changing requests from any other origin.
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const config = { ...testConfig(), DATABASE_URL: database.url, PUBLIC_BASE_URL: base, ...overrides };
  const app = await buildApp(config);
  await app.listen({ port, host: "127.0.0.1" });
  return {
    app,
    db,
    config,
    base,
    async close() {
      await app.close();
      await db.$disconnect();
      await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
      await database.drop();
    },
  };
}

export async function logIn(page: Page, base: string, username: string, password: string): Promise<void> {
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/admin/`);
  await page.getByRole("textbox", { name: "Tên đăng nhập" }).fill(username);
  await page.getByRole("textbox", { name: "Mật khẩu", exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}
