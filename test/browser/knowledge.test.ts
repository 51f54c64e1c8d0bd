// The knowledge base in Chromium against the real server and the built console: a supervisor writes
// an article for their agency; an agent on a call at the desk searches it typed without accents and
// inserts its answer into the call's note, which saves it as the note's answer and counts the use.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_STAFF_PASSWORD, seedDemo } from "../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../helpers/hours.js";
import { everyAgentAvailable } from "../helpers/presence.js";
import { ROOT } from "../helpers/processes.js";

const CALLER = "+84912000555";
const TITLE = "Cấp phiếu lý lịch tư pháp";
const ANSWER = "Dạ, ông bà nộp tờ khai yêu cầu cấp phiếu lý lịch tư pháp và bản chụp căn cước tại Sở Tư pháp hoặc trên Cổng Dịch vụ công.";

let server: ConsoleServer;
let browser: BrowserContext;
let page: Page;

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await setProvinceHours(db, OPEN_ALL_WEEK, false);
    await db.agency.updateMany({ data: { wrapUpSeconds: 0 } });
    await everyAgentAvailable(db);
    const staff = await db.user.findUniqueOrThrow({ where: { username: "stp.nv1" } });
    await db.user.update({ where: { id: staff.id }, data: { answerOn: "browser" } });
    await db.user.updateMany({ where: { agencyId: staff.agencyId, id: { not: staff.id } }, data: { presence: "away" } });
  });
  browser = await launchBrowser();
  page = await browser.newPage();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function startSimulatedCall(): Promise<{ status: number; body: { callId: number | null } }> {
  const origin = { origin: server.base, "content-type": "application/json" };
  const login = await fetch(`${server.base}/api/auth/login`, {
    method: "POST",
    headers: origin,
    body: JSON.stringify({ username: "stp.giamsat", password: DEMO_STAFF_PASSWORD }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const response = await fetch(`${server.base}/api/simulator/calls`, {
    method: "POST",
    headers: { ...origin, cookie },
    body: JSON.stringify({ digits: ["1", "1", "1", "1"], staff: "answer", from: CALLER }),
  });
  return { status: response.status, body: (await response.json()) as { callId: number | null } };
}

describe("the knowledge base", () => {
  it("lets a supervisor write an article for their agency", async () => {
    await logIn(page, server.base, "stp.giamsat", DEMO_STAFF_PASSWORD);
    await page.getByRole("menuitem", { name: "Kho tri thức" }).click();
    // The demo articles are listed, most used first.
    await page.getByRole("row").filter({ hasText: "Đăng ký khai sinh cho trẻ em" }).waitFor();
    await page.getByRole("link", { name: "Tạo mới" }).click();
    await page.getByRole("textbox", { name: "Câu hỏi / tiêu đề" }).fill(TITLE);
    await page.getByRole("textbox", { name: "Câu trả lời" }).fill(ANSWER);
    const agency = page.getByRole("combobox", { name: "Cơ quan" });
    await agency.fill("Sở Tư pháp");
    await page.getByRole("option", { name: /^Sở Tư pháp \(STP\)/ }).click();
    await page.getByRole("textbox", { name: "Mã thủ tục" }).fill("2.000488");
    await page.getByRole("textbox", { name: "Chủ đề" }).fill("ho_tich");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByTestId("knowledge-answer").filter({ hasText: ANSWER }).waitFor();
    const article = await server.db.knowledgeArticle.findFirstOrThrow({ where: { title: TITLE } });
    expect(article).toMatchObject({ status: "published", procedureCode: "2.000488", topic: "ho_tich", useCount: 0 });
    await page.screenshot({ path: `${ROOT}/test-results/knowledge-article.png`, fullPage: true }).catch(() => {});
  });

  it("lets an agent on a call search without accents and insert the answer into the note", async () => {
    await browser.clearCookies();
    await logIn(page, server.base, "stp.nv1", DEMO_STAFF_PASSWORD);
    await page.getByRole("menuitem", { name: "Bàn làm việc", exact: true }).click();
    await expect.poll(() => page.getByTestId("softphone-state").textContent(), { timeout: 10_000 }).toBe("Sẵn sàng nhận cuộc gọi");

    const running = startSimulatedCall();
    const answerCall = page.getByRole("button", { name: "Nhận", exact: true });
    await answerCall.waitFor();
    await answerCall.click();
    await expect.poll(() => page.getByTestId("softphone-state").textContent(), { timeout: 10_000 }).toBe("Đang trong cuộc gọi");

    const note = page.getByTestId("desk-note");
    await note.waitFor();
    const answerField = note.getByRole("textbox", { name: "Nội dung trả lời" });
    await answerField.fill("Đã hướng dẫn:");
    await note.getByRole("searchbox", { name: "Tìm trong kho tri thức" }).pressSequentially("ly lich tu phap");
    const first = note.getByTestId("knowledge-result").first();
    await expect.poll(() => first.getByRole("heading").textContent(), { timeout: 10_000 }).toBe(TITLE);
    // Enter in the search box does not finish the note.
    await note.getByRole("searchbox", { name: "Tìm trong kho tri thức" }).press("Enter");
    await first.getByRole("button", { name: "Chèn câu trả lời" }).click();
    await expect.poll(() => answerField.inputValue(), { timeout: 10_000 }).toBe(`Đã hướng dẫn:\n\n${ANSWER}`);

    const article = await server.db.knowledgeArticle.findFirstOrThrow({ where: { title: TITLE } });
    await expect
      .poll(() => server.db.knowledgeArticle.findUniqueOrThrow({ where: { id: article.id } }).then((a) => a.useCount), { timeout: 10_000 })
      .toBe(1);
    const use = await server.db.knowledgeArticleUse.findFirstOrThrow({ where: { articleId: article.id } });
    expect(use.callId).not.toBeNull();
    // The draft note (saved as they type) holds the inserted answer.
    await expect
      .poll(() => server.db.callNote.findFirst({ where: { callId: use.callId ?? 0, state: "draft" } }).then((n) => n?.answer), {
        timeout: 10_000,
      })
      .toBe(`Đã hướng dẫn:\n\n${ANSWER}`);
    await page.screenshot({ path: `${ROOT}/test-results/knowledge-desk.png`, fullPage: true }).catch(() => {});

    await page.getByRole("button", { name: "Kết thúc", exact: true }).click();
    expect((await running).status).toBe(200);
  });

  it("shows the published articles on the public page without signing in, with a search that needs no script", async () => {
    await browser.clearCookies();
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(message.text());
    });
    await page.goto(`${server.base}/kb`);
    await page.getByRole("heading", { name: "Hỏi đáp thủ tục hành chính tỉnh Gia Lai" }).waitFor();
    await page.getByRole("searchbox", { name: "Tìm kiếm" }).fill("ly lich tu phap");
    await page.getByRole("button", { name: "Tìm" }).click();
    await page.getByRole("link", { name: TITLE }).click();
    await page.getByText(ANSWER).waitFor();
    expect(page.url()).toMatch(/\/kb\/\d+$/);
    await page.screenshot({ path: `${ROOT}/test-results/knowledge-public.png`, fullPage: true }).catch(() => {});
    expect(errors).toEqual([]);
  });
});
