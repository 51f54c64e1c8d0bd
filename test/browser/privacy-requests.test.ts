// A data-subject request in headless Chromium against the real server and the built console, as a
// privacy officer: record the request, acknowledge it, see the number's footprint, erase it (the
// privacy queue's processor running in this process as the worker would) and read the report.
import { Worker } from "bullmq";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { PRIVACY_QUEUE, queueOptions } from "../../server/platform/jobs/queues.js";
import { privacyProcessor } from "../../server/privacy/erasure/job.js";
import { createUser, PASSWORD, seedSmallProvince } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";

const PHONE = "+84912345678";
let server: ConsoleServer;
let browser: BrowserContext;
let worker: Worker;

beforeAll(async () => {
  server = await startConsoleServer(async (db) => {
    const { agencies } = await seedSmallProvince(db);
    await createUser(db, {
      username: "baove.dulieu",
      name: "Cán bộ bảo vệ dữ liệu",
      roles: ["privacy_officer"],
      agencyId: agencies.province.id,
    });
    await db.contact.create({ data: { phone: PHONE, name: "Nguyễn Văn An", consentStatus: "granted", consentSource: "form" } });
    await db.suppression.create({ data: { phone: PHONE, source: "keyword", receivedAt: new Date() } });
  });
  worker = new Worker(PRIVACY_QUEUE, privacyProcessor(server.db), queueOptions(server.config));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await worker?.close();
  await browser?.close();
  await server?.close();
});

describe("a data-subject request in the console", () => {
  it("is recorded, acknowledged, its footprint shown, erased, and the report read", async () => {
    const page = await browser.newPage();
    await logIn(page, server.base, "baove.dulieu", PASSWORD);
    // Signed in once the menu shows; only then does the console open a page by its address.
    await page.getByRole("menuitem").first().waitFor();
    await page.goto(`${server.base}/admin/#/privacy-requests/create`);
    await page.locator('input[name="phone"]').fill("0912 345 678");
    await page.locator('input[name="requesterName"]').fill("Nguyễn Văn An");
    await page.locator('textarea[name="identityCheck"]').fill("Đối chiếu CCCD tại bộ phận một cửa");
    await page.getByRole("combobox", { name: "Nội dung yêu cầu" }).click();
    await page.getByRole("option", { name: "Xóa dữ liệu" }).click();
    await page.getByRole("combobox", { name: "Hình thức tiếp nhận" }).click();
    await page.getByRole("option", { name: "Trực tiếp" }).click();
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByTestId("privacy-acknowledge").click();
    await page.getByText("Đã xác nhận yêu cầu").waitFor();

    await page.getByTestId("privacy-find").click();
    const footprint = page.getByTestId("privacy-footprint");
    await footprint.getByText("Danh bạ liên hệ").waitFor();
    await footprint.getByText("Danh sách từ chối nhận tin").waitFor();

    await page.getByTestId("privacy-erase").click();
    await page.getByText("Xoá toàn bộ dữ liệu của số này?").waitFor();
    await page.getByTestId("privacy-erase-confirm").click();
    const report = page.getByTestId("privacy-erasure-report");
    await report.waitFor({ timeout: 30_000 });
    await report.locator('[data-kind="contacts"]').getByText("Đã xoá").waitFor();
    await report.locator('[data-kind="privacy-requests"]').getByText("Giữ lại").waitFor();
    await report
      .getByText(/Nghị định 356/)
      .first()
      .waitFor();
  }, 90_000);
});
