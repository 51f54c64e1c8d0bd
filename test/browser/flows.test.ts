// "Luồng IVR" and "Thử cuộc gọi" in headless Chromium against the real server, the real seed and the
// built console: publish from the folder, roll back, read the diagram, and run a test call 1,1.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../helpers/demo.js";
import { openAllWeek } from "../helpers/hours.js";
import { ROOT } from "../helpers/processes.js";

let server: ConsoleServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await openAllWeek(db);
  });
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const logInAsAdmin = (page: Page) => logIn(page, server.base, "admin", DEMO_ADMIN_PASSWORD);

describe("IVR flows and test calls in the console", () => {
  it("publishes a version from the folder, rolls back to version 1 and shows its report, diagram and files", async () => {
    const page = await browser.newPage();
    await logInAsAdmin(page);
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
    await logInAsAdmin(page);
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
