// "Luồng IVR" and "Thử cuộc gọi" in headless Chromium against the real server, the real seed and the
// built console: publish from the folder, roll back, read the diagram, and run a test call 1,1.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../server/app.js";
import { createDb } from "../../server/db/client.js";
import { clearRedisPrefix, testConfig } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { createTestDatabase, type TestDatabase } from "../helpers/database.js";
import { ROOT } from "../helpers/processes.js";

const ADMIN_PASSWORD = "quan-tri-thu-nghiem";
const ALWAYS = { opens: "00:00", closes: "24:00" };
const OPEN_ALL_WEEK = { 0: [ALWAYS], 1: [ALWAYS], 2: [ALWAYS], 3: [ALWAYS], 4: [ALWAYS], 5: [ALWAYS], 6: [ALWAYS] };

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
  const db = createDb(database.url);
  await db.agency.update({ where: { code: "GL" }, data: { weeklyHours: OPEN_ALL_WEEK } });
  await db.agency.updateMany({ data: { observeHolidays: false } });
  await db.$disconnect();
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

async function logIn(page: Page) {
  page.setDefaultTimeout(10_000);
  await page.goto(`${base}/admin/`);
  await page.getByRole("textbox", { name: "Tên đăng nhập" }).fill("admin");
  await page.getByRole("textbox", { name: "Mật khẩu", exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

describe("IVR flows and test calls in the console", () => {
  it("publishes a version from the folder, rolls back to version 1 and shows its report, diagram and files", async () => {
    const page = await browser.newPage();
    await logIn(page);
    await page.getByRole("menuitem", { name: "Luồng IVR" }).click();
    await page.getByRole("row").filter({ hasText: "Đang dùng" }).first().waitFor();

    await page.getByRole("button", { name: "Công bố phiên bản mới từ thư mục ivr-flows" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Xác nhận" }).click();
    await page.getByText("Đã công bố và kích hoạt phiên bản 2").waitFor();
    const rows = page.locator("tbody tr").filter({ hasText: "Đang dùng" });
    await expect.poll(async () => (await rows.first().textContent()) ?? "").toMatch(/^2/);

    await page.getByRole("row").filter({ hasText: "Bản do dữ liệu mẫu công bố" }).first().click();
    await page.getByText("Các tệp đạt mọi kiểm tra").waitFor();
    await page.getByRole("button", { name: "Kích hoạt phiên bản này" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Xác nhận" }).click();
    await page.getByText("Phiên bản 1 đang được dùng").waitFor();
    await page.getByRole("button", { name: "Phiên bản này đang phục vụ cuộc gọi mới" }).waitFor();

    await page.getByRole("tab", { name: "Sơ đồ luồng" }).click();
    const diagram = page.getByRole("img", { name: "Sơ đồ luồng" });
    await diagram.waitFor();
    expect(await diagram.locator("[data-node]").count()).toBeGreaterThan(10);
    expect(await diagram.textContent()).toContain("ngoài giờ");
    await page.screenshot({ path: `${ROOT}/test-results/console-ivr-diagram.png`, fullPage: true }).catch(() => {});

    await page.getByRole("tab", { name: "Tệp luồng (chỉ xem)" }).click();
    await page.getByText("hotline.yaml").first().waitFor();
    expect(await page.getByText("main_menu:").count()).toBeGreaterThan(0);
    await page.close();
  });

  it("runs a test call 1,1 from the keypad and shows the transcript with a link to the call", async () => {
    // A context of its own: the first test's session would skip the login page.
    const context = await launchBrowser();
    const page = await context.newPage();
    await logIn(page);
    await page.getByRole("menuitem", { name: "Thử cuộc gọi" }).click();
    await page.getByRole("button", { name: "Phím 1" }).click();
    await page.getByRole("button", { name: "Phím 1" }).click();
    expect(await page.getByTestId("digits").inputValue()).toBe("1,1");
    await page.getByRole("button", { name: "Gọi thử" }).click();

    const transcript = page.getByRole("list", { name: "Diễn biến cuộc gọi" });
    await transcript.getByText("Người gọi bấm: 1").first().waitFor();
    const text = (await transcript.textContent()) ?? "";
    expect(text).toContain("Tổng đài giải đáp thủ tục hành chính tỉnh Gia Lai xin kính chào ông bà");
    expect(text).toContain("Đổ chuông: +84");
    expect(text).toContain("Cán bộ: bấm 1 và nghe máy");
    expect(text).not.toMatch(/\+84\d{9}/);

    // The TwiML of each request is folded away until asked for.
    await page.getByText("POST /twilio/voice/incoming → 200").click();
    await page.getByText("<Gather", { exact: false }).first().waitFor();

    const link = page.getByRole("link", { name: /Xem cuộc gọi #\d+/ });
    await link.waitFor();
    expect(await link.getAttribute("href")).toMatch(/^#\/calls\/\d+\/show$/);
    await page.screenshot({ path: `${ROOT}/test-results/console-simulator.png`, fullPage: true }).catch(() => {});

    // The simulated call is in the call log like any other, with its timeline and durations.
    await link.click();
    await page.getByText("Diễn biến cuộc gọi").first().waitFor();
    await page.getByText("Bấm phím 1").first().waitFor();
    expect(await page.getByText("Đã trả lời").count()).toBeGreaterThan(0);
    expect(await page.getByText("Đàm thoại").count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ROOT}/test-results/console-simulated-call.png`, fullPage: true }).catch(() => {});
    await context.close();
  });
});
