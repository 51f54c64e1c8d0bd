// Call notes in headless Chromium against the real server and the built console: a staff member
// types a note on the call they answered, the draft is saved as they type and survives a reload, and
// "Hoàn tất ghi chú" makes it a note of the call; an administrator adds a category, which staff then
// find in the picker under its kind.
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/platform/db/client.js";
import { PASSWORD, seedSmallProvince } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { createCall } from "../helpers/calls.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { ROOT } from "../helpers/processes.js";

let server: ConsoleServer;
let db: Db;
let browser: BrowserContext;
let base: string;
let callId: number;

beforeAll(async () => {
  server = await startConsoleServer(async (db) => {
    const { agencies, users } = await seedSmallProvince(db);
    callId = (await createCall(db, { agencyId: agencies.wardA.id, staffId: users.agent.id, startedAt: new Date(Date.now() - 60_000) })).id;
  });
  ({ db, base } = server);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const QUESTION = "Hỏi thủ tục đăng ký thường trú cho con";
const ANSWER = "Đã hướng dẫn nộp hồ sơ trên Cổng dịch vụ công";

describe("call notes in the console", () => {
  it("saves the staff member's draft as they type, keeps it across a reload, and finishes it into a note", async () => {
    const page = await browser.newPage();
    await logIn(page, base, "quynhon.nv1", PASSWORD);
    await page.getByRole("menuitem", { name: "Cuộc gọi", exact: true }).waitFor();
    await page.goto(`${base}/admin/#/calls/${callId}/show`);

    const form = page.getByRole("form", { name: "Ghi chú cuộc gọi" });
    await form.waitFor();
    await form.getByRole("combobox", { name: "Danh mục" }).click();
    await page.getByRole("option", { name: "Cư trú", exact: true }).click();
    await form.getByRole("textbox", { name: "Câu hỏi của người dân" }).fill(QUESTION);
    await form.getByRole("textbox", { name: "Nội dung trả lời" }).pressSequentially(ANSWER.slice(0, 20));
    await form.getByLabel("Đã giải quyết").check();
    await form.getByText(/Đã lưu nháp lúc \d{2}:\d{2}:\d{2}/).waitFor();
    await expect
      .poll(() => db.callNote.findFirst({ where: { callId, state: "draft" }, select: { resolved: true } }), { timeout: 10_000 })
      .toEqual({ resolved: true });

    // Typed just before the reload: the page sends it on its way out.
    await form.getByRole("textbox", { name: "Nội dung trả lời" }).pressSequentially(ANSWER.slice(20));
    await page.reload();
    const again = page.getByRole("form", { name: "Ghi chú cuộc gọi" });
    const answer = again.getByRole("textbox", { name: "Nội dung trả lời" });
    await expect.poll(() => answer.inputValue(), { timeout: 10_000 }).toBe(ANSWER);
    expect(await again.getByRole("textbox", { name: "Câu hỏi của người dân" }).inputValue()).toBe(QUESTION);
    expect(await again.getByRole("combobox", { name: "Danh mục" }).textContent()).toContain("Cư trú");
    expect(await again.getByLabel("Đã giải quyết").isChecked()).toBe(true);
    await again.getByText(/Đã lưu nháp lúc/).waitFor();

    await again.getByRole("button", { name: "Hoàn tất ghi chú" }).click();
    const note = page.getByTestId("call-note");
    await note.waitFor();
    const text = (await note.textContent()) ?? "";
    expect(text).toContain("Cư trú");
    expect(text).toContain("Hỏi đáp");
    expect(text).toContain("Đã giải quyết");
    expect(text).toContain(QUESTION);
    expect(text).toContain(ANSWER);
    expect(await db.callNote.findMany({ where: { callId }, select: { state: true, question: true } })).toEqual([
      { state: "final", question: QUESTION },
    ]);
    // The form is empty again for another note.
    await expect.poll(() => again.getByRole("textbox", { name: "Câu hỏi của người dân" }).inputValue(), { timeout: 10_000 }).toBe("");
    await page.screenshot({ path: `${ROOT}/test-results/call-notes.png`, fullPage: true }).catch(() => {});
    await page.close();
  });

  it("lets an administrator add a category, which then appears in the note form's picker under its kind", async () => {
    await browser.clearCookies();
    const page = await browser.newPage();
    await logIn(page, base, "admin", PASSWORD);
    await page.getByRole("menuitem", { name: "Danh mục ghi chú" }).click();
    await page.getByRole("row").filter({ hasText: "Khiếu nại" }).first().waitFor();
    await page.getByRole("link", { name: "Tạo mới" }).click();
    await page.getByRole("textbox", { name: "Mã", exact: true }).fill("giao_thong");
    await page.getByRole("textbox", { name: "Tên tiếng Việt" }).fill("Giao thông, trật tự đô thị");
    await page.getByRole("textbox", { name: "Tên tiếng Anh" }).fill("Traffic and urban order");
    await page.getByRole("combobox", { name: "Loại" }).click();
    await page.getByRole("option", { name: "Phản ánh" }).click();
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByRole("row").filter({ hasText: "Giao thông, trật tự đô thị" }).waitFor();
    await expect.poll(() => db.noteCategory.count({ where: { code: "giao_thong", kind: "feedback" } }), { timeout: 10_000 }).toBe(1);

    await page.goto(`${base}/admin/#/calls/${callId}/show`);
    const form = page.getByRole("form", { name: "Ghi chú cuộc gọi" });
    await form.getByRole("combobox", { name: "Danh mục" }).click();
    const listbox = page.getByRole("listbox");
    await listbox.getByRole("option", { name: "Giao thông, trật tự đô thị" }).waitFor();
    // Under its kind: the heading "Phản ánh" comes before it, after the questions.
    const items = (await listbox.locator("li").allTextContents()).map((s) => s.trim());
    const heading = items.indexOf("Phản ánh");
    expect(heading).toBeGreaterThan(items.indexOf("Khác"));
    expect(items.indexOf("Giao thông, trật tự đô thị")).toBeGreaterThan(heading);
    await page.keyboard.press("Escape");
    await page.close();
  });
});
