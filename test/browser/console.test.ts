// The console as an administrator and then an agent would use it, in headless Chromium against the
// real server, the real seed and the built console (npm test builds admin/dist first).
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.js";
import { clearRedisPrefix, testConfig } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { ROOT } from "../helpers/processes.js";

const ADMIN_PASSWORD = "quan-tri-thu-nghiem";
const AGENT = { username: "nv.quynhon", name: "Trần Thị Thu", password: "mat-khau-moi-2026" };

let database: TestDatabase;
let app: FastifyInstance;
let browser: BrowserContext;
let base: string;
const config = testConfig();

beforeAll(async () => {
  if (!existsSync(`${ROOT}/admin/dist/index.html`)) throw new Error("admin/dist is missing: run `npm run build:admin` first");
  database = await createTestDatabase();
  execFileSync(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, ADMIN_PASSWORD, NODE_ENV: "test" },
  });
  app = await buildApp({ ...config, DATABASE_URL: database.url });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
  await database?.drop();
});

async function logIn(page: Page, username: string, password: string) {
  // Fail at the step that went wrong rather than at the test's timeout.
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/admin/`);
  await page.getByRole("textbox", { name: "Tên đăng nhập" }).fill(username);
  await page.getByRole("textbox", { name: "Mật khẩu", exact: true }).fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

describe("console in Vietnamese", () => {
  it("lets the seeded admin log in, see agencies, create a user and find it in the audit log", async () => {
    const page = await browser.newPage();
    await logIn(page, "admin", ADMIN_PASSWORD);
    await expect.poll(() => page.getByText("Tổng đài giải đáp thủ tục hành chính tỉnh Gia Lai").first().isVisible()).toBe(true);

    await page.getByRole("menuitem", { name: "Cơ quan" }).click();
    await page.getByRole("row").filter({ hasText: "Phường Quy Nhơn" }).first().waitFor();
    await page.getByPlaceholder("Tìm kiếm").fill("Tư pháp");
    const department = page.getByRole("row").filter({ hasText: "Sở Tư pháp" }).first();
    await department.waitFor();
    // Kinds are shown translated, not as codes.
    expect(await department.textContent()).toContain("Sở, ban, ngành");

    await page.goto(`${base}/admin/#/users/create`);
    await page.getByRole("textbox", { name: "Tên đăng nhập" }).fill(AGENT.username);
    await page.getByRole("textbox", { name: "Họ và tên" }).fill(AGENT.name);
    await page.getByRole("textbox", { name: "Mật khẩu", exact: true }).fill(AGENT.password);
    await page.getByRole("checkbox", { name: "Tổng đài viên" }).check();
    await page.getByRole("combobox", { name: "Cơ quan", exact: true }).fill("Phường Quy Nhơn");
    await page.getByRole("option", { name: "Phường Quy Nhơn (P-QUYNHON)" }).click();
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByRole("row").filter({ hasText: AGENT.username }).first().waitFor();

    await page.getByRole("menuitem", { name: "Nhật ký hoạt động" }).click();
    const row = page.getByRole("row").filter({ hasText: "Tạo mới" }).filter({ hasText: "Người dùng" }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain("Quản trị hệ thống");
    await page.screenshot({ path: `${ROOT}/test-results/console-audit-log.png` }).catch(() => {});
    await page.close();
  });

  it("gives the new agent their roles: no Users page and no other agency's records", async () => {
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      await logIn(page, AGENT.username, AGENT.password);
      await page.getByText(`Xin chào, ${AGENT.name}`).waitFor();

      // No Users entry in the menu, and the route does not exist for an agent.
      expect(await page.getByRole("menuitem", { name: "Người dùng" }).count()).toBe(0);
      await page.goto(`${base}/admin/#/agencies`);
      await page.getByRole("row").filter({ hasText: "Phường Quy Nhơn" }).first().waitFor();
      expect(await page.getByText("Sở Tư pháp", { exact: true }).count()).toBe(0);

      const other = await app.inject({ url: "/api/agencies?filter=%7B%22q%22%3A%22S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p%22%7D" });
      expect(other.statusCode).toBe(401); // the API itself refuses anonymous calls
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === "tthc_session");
      const users = await fetch(`${base}/api/users`, { headers: { cookie: `tthc_session=${session?.value}` } });
      expect(users.status).toBe(403);

      await page.goto(`${base}/admin/#/users`);
      await expect.poll(() => page.getByText("Tên đăng nhập", { exact: true }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});
