// The demo province's console open in Chromium as the administrator: the server on its own database
// (the demo seed plus what a test adds), the browser, and one signed-in page. `adminSession` opens it
// before the file's tests and closes it after them; its fields are set once it is open.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "../../server/platform/db/client.js";
import { launchBrowser } from "./browser.js";
import { type ConsoleServer, logIn, startConsoleServer } from "./console.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "./demo.js";

export interface AdminSession {
  server: ConsoleServer;
  db: Db;
  base: string;
  browser: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

export async function openAdminSession(add: (db: Db) => Promise<void> = async () => {}): Promise<AdminSession> {
  const server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await add(db);
  });
  const browser = await launchBrowser();
  const page = await browser.newPage();
  await logIn(page, server.base, "admin", DEMO_ADMIN_PASSWORD);
  await page.getByText("Xin chào").first().waitFor();
  return {
    server,
    db: server.db,
    base: server.base,
    browser,
    page,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

export function adminSession(add?: (db: Db) => Promise<void>): AdminSession {
  const session = {} as AdminSession;
  beforeAll(async () => {
    Object.assign(session, await openAdminSession(add));
  }, 120_000);
  afterAll(() => session.close?.());
  return session;
}
