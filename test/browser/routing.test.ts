// The routing screens as an administrator uses them: weekly hours, staff on duty, callback requests.
import { execFileSync } from "node:child_process";
import type { FastifyInstance } from "fastify";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.js";
import { createDb, type Db } from "../../server/db/client.js";
import { clearRedisPrefix, testConfig } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { ROOT } from "../helpers/processes.js";

const ADMIN_PASSWORD = "quan-tri-thu-nghiem";
let database: TestDatabase;
let app: FastifyInstance;
let db: Db;
let browser: BrowserContext;
let page: Page;
let base: string;
const config = testConfig();

beforeAll(async () => {
  database = await createTestDatabase();
  execFileSync(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: database.url, ADMIN_PASSWORD, NODE_ENV: "test" },
  });
  app = await buildApp({ ...config, DATABASE_URL: database.url });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  db = createDb(database.url);
  browser = await launchBrowser();
  page = await browser.newPage();
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/admin/`);
  await page.getByRole("textbox", { name: "Tên đăng nhập" }).fill("admin");
  await page.getByRole("textbox", { name: "Mật khẩu", exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
  await page.getByText("Xin chào").first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.$disconnect();
  await clearRedisPrefix(config.REDIS_URL, config.REDIS_PREFIX);
  await database?.drop();
});

describe("routing administration", () => {
  it("sets an agency's own weekly hours instead of inheriting them", async () => {
    const stp = await db.agency.findUniqueOrThrow({ where: { code: "STP" } });
    expect(stp.weeklyHours).toBeNull();
    await page.goto(`${base}/admin/#/agencies/${stp.id}`);
    await page.getByRole("tab", { name: "Giờ làm việc" }).click();
    await page.getByLabel("Dùng giờ làm việc của cơ quan cấp trên", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect
      .poll(async () => (await db.agency.findUniqueOrThrow({ where: { code: "STP" } })).weeklyHours)
      .toMatchObject({
        1: [
          { opens: "07:30", closes: "11:30" },
          { opens: "13:30", closes: "17:00" },
        ],
        0: [],
      });
  });

  it("takes a staff member off duty from the agency page", async () => {
    const stp = await db.agency.findUniqueOrThrow({ where: { code: "STP" } });
    const agent = await db.user.findFirstOrThrow({ where: { agencyId: stp.id, onDuty: true }, orderBy: { id: "asc" } });
    await page.goto(`${base}/admin/#/agencies/${stp.id}/show`);
    const toggle = page.getByLabel(`Đang trực: ${agent.name}`, { exact: true });
    // The switch follows the server: it flips once the change is saved.
    await toggle.click();
    await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { id: agent.id } })).onDuty).toBe(false);
    await expect.poll(() => toggle.isChecked()).toBe(false);
  });

  it("records a callback attempt that reached the caller", async () => {
    const operators = await db.agency.findUniqueOrThrow({ where: { code: "TTPVHCC-TD" } });
    const request = await db.callbackRequest.create({ data: { agencyId: operators.id, phone: "+84912345678", dueAt: new Date() } });
    await page.goto(`${base}/admin/#/callback-requests/${request.id}/show`);
    await page.getByRole("button", { name: "Ghi nhận lần gọi" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Đã gặp người gọi").click();
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(async () => (await db.callbackRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("called_back");
  });
});
