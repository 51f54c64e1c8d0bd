// The contact screens as an administrator uses them, in headless Chromium against the real server:
// the import wizard (upload a semicolon CSV with a BOM, check the pre-filled column mapping and the
// preview, run it, read the counts, download the error report), the imported contact found in the
// list by its E.164 number, an opt-out added from the console, and a national DNC file imported.
import { readFile } from "node:fs/promises";
import type { BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/platform/db/client.js";
import { launchBrowser } from "../helpers/browser.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../helpers/demo.js";

let server: ConsoleServer;
let db: Db;
let browser: BrowserContext;
let page: Page;
let base: string;

const HEADER = ["Số điện thoại", "Họ tên", "Xã/Phường", "Đồng ý"] as const;
/** Lines 2–8 of the file: four mobiles in four written forms, a landline, a typo and a repeat of line 2. */
const ROWS = [
  ["0912 345 678", "Nguyễn Văn An", "Phường Quy Nhơn", "có"],
  ["84912345679", "Trần Thị Bình", "Phường Pleiku", "có"],
  ["+84.983.456.789", "Lê Văn Cường", "Xã Tây Sơn", "không"],
  ["01628 123 456", "Phạm Thị Dung", "", ""],
  ["0256 3822 478", "UBND phường Quy Nhơn", "Phường Quy Nhơn", ""],
  ["12345", "Số gõ nhầm", "", ""],
  ["0912.345.678", "Nguyễn Văn An", "Phường Quy Nhơn", "có"],
];
const CSV = `\ufeff${[HEADER, ...ROWS].map((row) => row.join(";")).join("\r\n")}\r\n`;

beforeAll(async () => {
  // The sink records the opt-out confirmation instead of sending it.
  server = await startConsoleServer(async (_db, database) => seedDemo(database.url), { SMS_PROVIDER: "sink" });
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

/** The text of every cell of the table's body rows. */
async function bodyCells(table: Locator): Promise<string[][]> {
  const rows = await table.locator("tbody tr").all();
  return Promise.all(rows.map((row) => row.locator("td").allTextContents()));
}

describe("contacts in the console", () => {
  it("imports a CSV through the wizard, reports the rejected rows and finds the contact", async () => {
    await page.goto(`${base}/admin/#/contacts`);
    await page.getByRole("link", { name: "Nhập danh bạ" }).click();
    await page.waitForURL(/#\/contacts\/import$/);

    await page.locator('input[type="file"]').setInputFiles({
      name: "danh-ba-phuong.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(CSV, "utf8"),
    });

    // Step 2: the delimiter found, the mapping guessed from the Vietnamese header, the first rows.
    await page.getByText("danh-ba-phuong.csv — Dấu phân cách: ;").waitFor();
    // An unmapped field shows an empty select (MUI renders a zero-width space).
    const mapped = async (label: string) =>
      (await page.getByRole("combobox", { name: label }).textContent())?.replace(/\u200b/g, "").trim();
    expect(await mapped("Số điện thoại")).toBe("Số điện thoại");
    expect(await mapped("Họ tên")).toBe("Họ tên");
    expect(await mapped("Xã / phường")).toBe("Xã/Phường");
    expect(await mapped("Đồng ý (có / không)")).toBe("Đồng ý");
    expect(await mapped("Nhóm tuổi")).toBe("");
    const preview = page.locator("table").filter({ hasText: "Số điện thoại" });
    expect(await preview.locator("thead th").allTextContents()).toEqual(["#", ...HEADER]);
    expect(await bodyCells(preview)).toEqual(ROWS.map((row, i) => [String(i + 2), ...row]));

    // A consent column needs its evidence before the import can start.
    const start = page.getByRole("button", { name: "Bắt đầu nhập" });
    expect(await start.isDisabled()).toBe(true);
    await page.getByRole("textbox", { name: "Nguồn đồng ý (áp dụng cho mọi dòng)" }).fill("Phiếu đăng ký tại Bộ phận một cửa");
    await page.getByRole("textbox", { name: "Cách thức đồng ý" }).fill("Ký phiếu giấy");
    await start.click();

    // The wizard runs through "Nhập" to "Kết quả" once the server has read the whole file.
    await expect.poll(() => page.locator(".MuiStepLabel-label.Mui-active").textContent()).toBe("Kết quả");
    expect(await page.locator(".MuiStepLabel-label.Mui-completed").allTextContents()).toEqual(["Tệp", "Cột", "Nhập"]);

    // The counts.
    const summary = page.locator("table").filter({ hasText: "Số dòng đã đọc" });
    await summary.waitFor();
    expect(await bodyCells(summary)).toEqual([
      ["Số dòng đã đọc", "7"],
      ["Liên hệ đã nhập", "4"],
      ["Dòng trùng đã gộp", "1"],
      ["Dòng bị loại", "2"],
    ]);
    const run = await db.contactImport.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(run).toMatchObject({ status: "completed", fileName: "danh-ba-phuong.csv", totalRows: 7, importedRows: 4 });

    // The error report is a plain link to the API, sent with the session cookie: download it as a click does.
    const report = page.getByRole("link", { name: "Tải báo cáo lỗi (CSV)" });
    expect(await report.getAttribute("href")).toBe(`/api/contact-imports/${run.id}/errors.csv`);
    const [download] = await Promise.all([page.waitForEvent("download"), report.click()]);
    expect(download.suggestedFilename()).toBe(`bao-cao-loi-nhap-danh-ba-${run.id}.csv`);
    const saved = await download.path();
    const csv = await readFile(saved, "utf8");
    expect(csv.split("\r\n")).toEqual([
      "\ufeffDòng,Cột,Giá trị,Lý do",
      "6,Số điện thoại,0256 3822 478,Số cố định không nhận được tin nhắn",
      "7,Số điện thoại,12345,Số điện thoại không hợp lệ",
      "8,Số điện thoại,0912.345.678,Số trùng với một dòng trước trong tệp (đã gộp)",
      "",
    ]);

    // The contacts, in E.164 whatever the file wrote; the old 11-digit 0162 number became 032.
    const phones = (await db.contact.findMany({ orderBy: { phone: "asc" } })).map((c) => [c.phone, c.name, c.consentStatus]);
    expect(phones).toEqual([
      ["+84328123456", "Phạm Thị Dung", "unknown"],
      ["+84912345678", "Nguyễn Văn An", "granted"],
      ["+84912345679", "Trần Thị Bình", "granted"],
      ["+84983456789", "Lê Văn Cường", "refused"],
    ]);

    await page.goto(`${base}/admin/#/contacts`);
    await page.getByRole("textbox", { name: "Tìm số điện thoại hoặc tên" }).fill("01628 123 456");
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(1);
    await expect.poll(() => rows.first().textContent()).toContain("+84328123456");
    expect(await rows.first().textContent()).toContain("Phạm Thị Dung");
    await page.getByRole("textbox", { name: "Tìm số điện thoại hoặc tên" }).fill("0912 345 678");
    await expect.poll(() => rows.first().textContent()).toContain("+84912345678");
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain("Phường Quy Nhơn");
  });

  it("adds an opt-out from the console and lists it", async () => {
    await page.goto(`${base}/admin/#/suppressions/create`);
    await page.getByRole("textbox", { name: "Số điện thoại" }).fill("0905 111 222");
    await page.getByRole("textbox", { name: "Chi tiết" }).fill("Gọi tổng đài xin ngừng nhận tin");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.waitForURL(/#\/suppressions$/);
    const row = page.locator("tbody tr").filter({ hasText: "+84905111222" });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.textContent()).toContain("Bảng điều khiển");
    expect(await row.textContent()).toContain("Gọi tổng đài xin ngừng nhận tin");
    expect(await db.suppression.findUnique({ where: { phone: "+84905111222" } })).toMatchObject({ source: "console" });
    // The citizen gets one confirmation, unaccented, with no advertising.
    const confirmations = await db.smsMessage.findMany({ where: { recipient: "+84905111222" } });
    expect(confirmations.map((m) => m.purpose)).toEqual(["opt_out_confirmation"]);
    expect(confirmations[0]?.body).toMatch(/^Tong dai TTHC Gia Lai da nhan yeu cau tu choi luc /);
  });

  it("replaces the DNC list with an uploaded file and shows its size", async () => {
    await page.goto(`${base}/admin/#/dnc`);
    const count = page.getByText(/^Số thuê bao trong danh sách:/);
    // Loaded: nothing imported yet.
    await page.getByText("Chưa nhập danh sách nào.").waitFor();
    expect(await count.textContent()).toBe("Số thuê bao trong danh sách: 0");
    await page.locator('input[type="file"]').setInputFiles({
      name: "dnc.txt",
      mimeType: "text/plain",
      buffer: Buffer.from("0912 000 001\n+84912000002\n84912000003\n", "utf8"),
    });
    // Replacing the whole list asks first.
    await page.getByText("Toàn bộ 0 số hiện có sẽ được thay bằng các số trong tệp dnc.txt").waitFor();
    await page.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => count.textContent()).toBe("Số thuê bao trong danh sách: 3");
    await expect.poll(() => page.getByText(/^Lần nhập gần nhất:/).textContent()).toContain("dnc.txt: 3 số, 0 dòng không hợp lệ");
    expect((await db.dncNumber.findMany({ orderBy: { phone: "asc" } })).map((n) => n.phone)).toEqual([
      "+84912000001",
      "+84912000002",
      "+84912000003",
    ]);
  });
});

describe("contact lists filled from the contacts grid", () => {
  it("adds the contacts a filter matches to a list, shows them on the list's page, removes one", async () => {
    const contact = (i: number, consentStatus: "granted" | "refused") =>
      db.contact.create({ data: { phone: `+8497700000${i}`, name: `Đoàn viên ${i}`, tags: ["doan-vien"], consentStatus } });
    await contact(1, "granted");
    await contact(2, "granted");
    await contact(3, "refused");
    const list = await db.contactList.create({ data: { name: "Đoàn viên phường" } });
    await db.segment.create({ data: { name: "Đoàn viên", filter: { tags: ["doan-vien"] } } });

    // Filtered by tag and consent, straight from the filters shown above the grid (the last search cleared).
    await page.goto(`${base}/admin/#/contacts?filter=${encodeURIComponent("{}")}`);
    await page.getByRole("textbox", { name: "Nhãn" }).fill("doan-vien");
    const rows = page.locator("tbody tr");
    await expect.poll(() => rows.count()).toBe(3);
    await page.getByRole("combobox", { name: "Đồng ý nhận tin" }).click();
    await page.getByRole("option", { name: "Đồng ý", exact: true }).click();
    await expect.poll(() => rows.count()).toBe(2);

    // One ticked, but the whole filter chosen in the dialog.
    await rows.first().getByRole("checkbox").check();
    await page.getByRole("button", { name: "Thêm vào danh sách" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("combobox", { name: "Danh sách" }).click();
    await page.getByRole("option", { name: "Đoàn viên phường" }).click();
    await dialog.getByRole("radio", { name: "Tất cả 2 liên hệ khớp bộ lọc hiện tại" }).check();
    await dialog.getByRole("button", { name: "Thêm vào danh sách" }).click();
    await page.getByText("Đã thêm 2 liên hệ vào danh sách").waitFor();
    const members = async () =>
      (await db.contactListMember.findMany({ where: { listId: list.id }, include: { contact: true } })).map((m) => m.contact.phone).sort();
    expect(await members()).toEqual(["+84977000001", "+84977000002"]);

    // The list's own page shows its members; one is taken out after a confirmation.
    await page.goto(`${base}/admin/#/contact-lists`);
    await page.locator("tbody tr").filter({ hasText: "Đoàn viên phường" }).click();
    await page.waitForURL(new RegExp(`#/contact-lists/${list.id}/show$`));
    const memberRows = page.locator("tbody tr");
    await expect.poll(() => memberRows.count()).toBe(2);
    await memberRows.filter({ hasText: "Đoàn viên 2" }).getByRole("checkbox").check();
    await page.getByRole("button", { name: "Bỏ khỏi danh sách" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Xác nhận" }).click();
    await page.getByText("Đã bỏ 1 liên hệ khỏi danh sách").waitFor();
    await expect.poll(() => memberRows.count()).toBe(1);
    expect(await memberRows.first().textContent()).toContain("Đoàn viên 1");
    expect(await members()).toEqual(["+84977000001"]);

    // The segments list counts each segment's contacts.
    await page.goto(`${base}/admin/#/segments`);
    const segment = page.locator("tbody tr").filter({ hasText: "Đoàn viên" });
    await expect.poll(() => segment.locator("td").allTextContents()).toContain("3");
  });
});
