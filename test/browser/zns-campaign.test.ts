// Issue 14 point 2 in the console, in headless Chromium against the real server: a campaign manager
// registers a Zalo ZNS template (its preview filled with the samples as it is typed), then builds a
// campaign choosing "Zalo ZNS with SMS fallback" and that template, maps a parameter to a fixed value,
// sees the template filled in the wizard, and after saving sees the ZNS filled for a real recipient.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/platform/db/client.js";
import { createUser } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { createSender, openSendingRoundTheClock } from "../helpers/campaigns.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { seedDemo } from "../helpers/demo.js";

const PASSWORD = "zns-thu-nghiem-123";
const MANAGER = "qlcd.zns";
let server: ConsoleServer;
let db: Db;
let browser: BrowserContext;
let page: Page;
let base: string;

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    const agency = await db.agency.findUniqueOrThrow({ where: { code: "TTPVHCC" } });
    await createUser(db, { username: MANAGER, name: "Quản Lý ZNS", roles: ["campaign_manager"], agencyId: agency.id, password: PASSWORD });
    await createSender(db, { provider: "esms", brandname: "TTHC GIALAI", pricePerSegment: 800 });
    const consent = { consentStatus: "granted" as const, consentSource: "Hội nghị", consentAt: new Date(), consentMethod: "form" };
    const contact = await db.contact.create({ data: { phone: "+84912345671", name: "Phạm Thị Hoa", ...consent } });
    const list = await db.contactList.create({ data: { name: "Người dân xã Ia Grai" } });
    await db.contactListMember.create({ data: { listId: list.id, contactId: contact.id } });
    await openSendingRoundTheClock(db);
  });
  ({ db, base } = server);
  browser = await launchBrowser();
  page = await browser.newPage();
  await logIn(page, base, MANAGER, PASSWORD);
  await page.getByText("Xin chào").first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("Zalo ZNS in the console", () => {
  it("registers a ZNS template and builds a campaign on it with a filled preview", { timeout: 120_000 }, async () => {
    // 1. The template.
    await page.getByRole("menuitem", { name: "Mẫu tin Zalo ZNS", exact: true }).click();
    await page.getByRole("link", { name: "Tạo mới" }).click();
    await page.getByRole("textbox", { name: "Tên mẫu" }).fill("Nhắc nộp hồ sơ");
    await page.getByRole("combobox", { name: "Tên định danh (tài khoản eSMS)" }).click();
    await page.getByRole("option", { name: "TTHC GIALAI" }).click();
    await page.getByRole("textbox", { name: "Mã Official Account (OAID)" }).fill("1397492183140006179");
    await page.getByRole("textbox", { name: "Mã mẫu Zalo" }).fill("2056446");
    await page.getByRole("textbox", { name: "Nội dung mẫu" }).fill("Xin chào <customer_name>, mời nộp hồ sơ tại <portal>.");
    await page.getByRole("button", { name: "Thêm" }).click();
    await page.getByRole("textbox", { name: "Tham số" }).last().fill("customer_name");
    await page.getByRole("textbox", { name: "Giá trị mẫu" }).last().fill("Nguyễn Văn A");
    await page.getByRole("textbox", { name: "Lấy giá trị từ" }).last().fill("ten");
    await page.getByRole("button", { name: "Thêm" }).click();
    await page.getByRole("textbox", { name: "Tham số" }).last().fill("portal");
    await page.getByRole("textbox", { name: "Giá trị mẫu" }).last().fill("dichvucong.gov.vn");
    await page.getByRole("textbox", { name: "Lấy giá trị từ" }).last().fill("const:dichvucong.gov.vn");
    await expect
      .poll(() => page.getByTestId("zns-template-preview").textContent())
      .toContain("Xin chào Nguyễn Văn A, mời nộp hồ sơ tại dichvucong.gov.vn.");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => db.znsTemplate.count({ where: { templateId: "2056446" } })).toBe(1);

    // 2. The campaign on it.
    await page.getByRole("menuitem", { name: "Chiến dịch SMS", exact: true }).click();
    await page.getByRole("link", { name: "Tạo mới" }).click();
    await page.getByRole("textbox", { name: "Tên chiến dịch" }).fill("Nhắc hồ sơ qua Zalo");
    await page.getByRole("button", { name: "Tiếp theo" }).click();
    await page.getByRole("textbox", { name: "Nội dung tin nhắn" }).fill("Moi nop ho so tai dichvucong.gov.vn");
    await page.getByRole("button", { name: "Tiếp theo" }).click();
    await page.getByRole("combobox", { name: "Tên định danh (brandname)" }).click();
    await page.getByRole("option", { name: /TTHC GIALAI/ }).click();
    await page.getByRole("button", { name: "Tiếp theo" }).click();
    await page.getByLabel("Zalo ZNS, gửi SMS dự phòng cho số không nhận được Zalo").check();
    await page.getByRole("combobox", { name: "Mẫu tin Zalo ZNS" }).click();
    await page.getByRole("option", { name: "Nhắc nộp hồ sơ" }).click();
    await page.getByRole("textbox", { name: "Tham số portal" }).fill("const:dvc.gialai.gov.vn");
    await expect
      .poll(() => page.getByTestId("campaign-zns-preview").textContent())
      .toContain("Xin chào Nguyễn Văn A, mời nộp hồ sơ tại dvc.gialai.gov.vn.");
    await page.getByRole("button", { name: "Tiếp theo" }).click();
    await page.getByRole("combobox", { name: "Danh sách liên hệ" }).click();
    await page.getByRole("option", { name: /Người dân xã Ia Grai/ }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Tiếp theo" }).click();
    await page.getByLabel("Gửi ngay khi khởi chạy").check();
    await page.getByRole("button", { name: "Lưu và kiểm tra" }).click();
    await expect
      .poll(async () => (await db.campaign.findFirst({ where: { name: "Nhắc hồ sơ qua Zalo" } }))?.channel)
      .toBe("zns_sms_fallback");
    const campaign = await db.campaign.findFirstOrThrow({ where: { name: "Nhắc hồ sơ qua Zalo" } });
    expect(campaign.znsParams).toEqual({ portal: "const:dvc.gialai.gov.vn" });

    // 3. The campaign page: the ZNS filled for the recipient, then the SMS fallback.
    await page.goto(`${base}/admin/#/campaigns/${campaign.id}/show`);
    await page.getByTestId("campaign-sample").waitFor({ timeout: 30_000 });
    await expect
      .poll(() => page.getByTestId("campaign-sample-zns").textContent())
      .toContain("Xin chào Phạm Thị Hoa, mời nộp hồ sơ tại dvc.gialai.gov.vn.");
  });
});
