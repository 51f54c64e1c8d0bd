// The SMS template editor as an administrator uses it, in headless Chromium against the real server:
// a Vietnamese body with a {{ten}} variable, the live preview (encoding, parts, the message as sent
// with the policy's label and opt-out text, the cost for a sender) with and without diacritics, then
// the template saved and listed.
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_POLICY } from "../../server/outreach/compliance/policy.js";
import type { Db } from "../../server/platform/db/client.js";
import { launchBrowser } from "../helpers/browser.js";
import { createSender } from "../helpers/campaigns.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../helpers/demo.js";

let server: ConsoleServer;
let db: Db;
let browser: BrowserContext;
let page: Page;
let base: string;

const NAME = "Mời nộp hồ sơ trực tuyến";
const BODY = "Kính mời {{ten}} nộp hồ sơ trực tuyến tại dichvucong.gov.vn, không cần đến trụ sở UBND phường.";

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await createSender(db, { pricePerSegment: 450, messagesPerSecond: 20 });
  });
  ({ db, base } = server);
  browser = await launchBrowser();
  page = await browser.newPage();
  await logIn(page, base, "admin", DEMO_ADMIN_PASSWORD);
  await page.getByText("Xin chào").first().waitFor();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The preview's chips in order: as typed (encoding, characters, parts), then as sent (the same three). */
const chips = (preview: Locator) => preview.locator(".MuiChip-label").allTextContents();

describe("SMS templates in the console", () => {
  it("previews a Vietnamese body with and without diacritics, then saves it", async () => {
    await page.getByRole("menuitem", { name: "Mẫu tin nhắn", exact: true }).click();
    await page.getByRole("link", { name: "Tạo mới" }).click();
    await page.getByRole("textbox", { name: "Tên mẫu" }).fill(NAME);
    await page.getByRole("textbox", { name: "Nội dung" }).fill(BODY);

    // The preview card, inside the form's own card (the innermost one in document order).
    const preview = page.locator(".MuiCard-root").filter({ hasText: "Xem trước" }).last();
    const unaccented = page.getByLabel("Gửi không dấu");
    // New templates default to unaccented; turn it off to see the message as typed.
    expect(await unaccented.isChecked()).toBe(true);
    await unaccented.uncheck();

    // The variable gets a sample value field, filled with a sample name.
    expect(await preview.getByRole("textbox", { name: "{{ten}}" }).inputValue()).toBe("Nguyễn Văn An");
    await page.getByRole("combobox", { name: "Tên định danh (để tính chi phí)" }).click();
    await page.getByRole("option", { name: "UBND GiaLai (450 đ)" }).click();

    // With diacritics: UCS-2, 67 characters a part, two parts.
    await expect.poll(() => chips(preview)).toEqual(["UCS-2", "94 ký tự", "2 tin", "UCS-2", "133 ký tự", "2 tin"]);
    const composed = preview.getByTestId("sms-composed");
    const sent = (await composed.textContent()) ?? "";
    expect(sent.startsWith(`${DEFAULT_POLICY.label} Kính mời Nguyễn Văn An nộp hồ sơ`)).toBe(true);
    expect(sent.endsWith(DEFAULT_POLICY.optOutText)).toBe(true);
    expect(await preview.textContent()).toContain("Ký tự buộc dùng UCS-2: í ờ ộ");
    await preview.getByText("Chi phí ước tính cho 1.000 tin nhắn: 900.000 đồng").waitFor();
    // The unaccented form is offered alongside.
    await preview.getByText("Kinh moi {{ten}} nop ho so truc tuyen", { exact: false }).waitFor();

    // Without diacritics: GSM-7, one part, half the cost.
    await unaccented.check();
    await expect.poll(() => chips(preview)).toEqual(["GSM-7", "98 ký tự", "1 tin", "GSM-7", "135 ký tự", "1 tin"]);
    expect(await composed.textContent()).toBe(
      `${DEFAULT_POLICY.label} Kinh moi Nguyen Van An nop ho so truc tuyen tai dichvucong.gov.vn, khong can den tru so UBND phuong. ${DEFAULT_POLICY.optOutText}`,
    );
    await preview.getByText("Chi phí ước tính cho 1.000 tin nhắn: 450.000 đồng").waitFor();

    await page.getByRole("button", { name: "Lưu" }).click();
    await page.waitForURL(/#\/sms-templates$/);
    const row = page.locator("tbody tr").filter({ hasText: NAME });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("Kính mời {{ten}}");
    expect(await row.locator(".MuiChip-label").allTextContents()).toEqual(["ten"]);
    // The body is kept as typed; "unaccented" is applied when sending.
    expect(await db.smsTemplate.findFirstOrThrow({ where: { name: NAME } })).toMatchObject({ body: BODY, unaccented: true });
  });
});
