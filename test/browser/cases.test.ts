// Cases in headless Chromium against the real server and the built console: an agent makes a case of
// a call's note, finds it in the list and passes it to another agency with a reason; that agency's
// supervisor finds it and answers it; the first agency still follows it, read-only (the server's
// scope: an agency that passed a case on reads it and works it no more).
import type { BrowserContext, Page } from "playwright-core";
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
let noteId: number;

const QUESTION = "Xin cấp lại bản sao trích lục khai sinh bị mất, cần giấy tờ gì?";
const REASON = "Thuộc thẩm quyền của Sở Tư pháp";
const ANSWER = "Ông bà nộp tờ khai và căn cước tại bộ phận một cửa, nhận kết quả sau 3 ngày làm việc.";

beforeAll(async () => {
  server = await startConsoleServer(async (db) => {
    const { agencies, users } = await seedSmallProvince(db);
    const call = await createCall(db, { agencyId: agencies.wardA.id, staffId: users.agent.id, startedAt: new Date(Date.now() - 600_000) });
    callId = call.id;
    noteId = (await db.callNote.create({ data: { callId, authorId: users.agent.id, category: "ho_tich", question: QUESTION } })).id;
  });
  ({ db, base } = server);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function asUser(username: string): Promise<Page> {
  await browser.clearCookies();
  const page = await browser.newPage();
  await logIn(page, base, username, PASSWORD);
  await page.getByRole("menuitem", { name: "Phiếu", exact: true }).waitFor();
  return page;
}

const caseRow = (page: Page, code: string) => page.getByRole("row").filter({ hasText: code });

describe("cases in the console", () => {
  it("from a call's note to another agency's answer, followed read-only by the agency that passed it on", async () => {
    // The agent of the ward makes a case of the note on their call.
    const agent = await asUser("quynhon.nv1");
    await agent.goto(`${base}/admin/#/calls/${callId}/show`);
    await agent.getByTestId(`create-case-note-${noteId}`).click();
    await agent.getByText(/Tạo từ ghi chú của cuộc gọi/).waitFor();
    await agent.getByRole("button", { name: "Lưu" }).click();
    await agent.getByText(/^Đã tạo phiếu GL-\d{4}-\d{6}$/).waitFor();
    const created = await db.case.findFirstOrThrow({ where: { noteId }, include: { agency: true } });
    expect(created).toMatchObject({ question: QUESTION, kind: "question", source: "call_note", callId, agency: { code: "P-QUYNHON" } });
    const code = created.code;

    // It is in the list "Phiếu", with its due date.
    await agent.getByRole("menuitem", { name: "Phiếu", exact: true }).click();
    const row = caseRow(agent, code);
    await row.waitFor();
    const dd = created.dueDate.toISOString().slice(0, 10).split("-").reverse().join("/");
    expect(await row.textContent()).toContain(dd);
    expect(await row.textContent()).toContain("Mới tiếp nhận");

    // Transferred to the justice department, with a reason.
    await row.click();
    await agent.getByRole("button", { name: "Chuyển đơn vị" }).click();
    const transfer = agent.getByRole("dialog", { name: `Chuyển phiếu ${code} sang đơn vị khác` });
    await transfer.getByRole("combobox", { name: "Đơn vị nhận" }).fill("Sở Tư");
    await agent.getByRole("option", { name: /Sở Tư pháp \(STP\)/ }).click();
    await transfer.getByRole("textbox", { name: "Lý do chuyển" }).fill(REASON);
    await transfer.getByRole("button", { name: "Chuyển đơn vị" }).click();
    await agent.getByText("Đã chuyển phiếu").waitFor();
    await expect
      .poll(() => db.case.findUniqueOrThrow({ where: { id: created.id }, include: { agency: true } }).then((c) => c.agency.code), {
        timeout: 10_000,
      })
      .toBe("STP");
    const history = agent.getByTestId("case-history");
    await history.getByText("Chuyển từ Phường Quy Nhơn sang Sở Tư pháp").waitFor();
    await history.getByText(`Lý do: ${REASON}`).waitFor();
    // The ward passed it on: it still sees the case, and may no longer work it.
    await agent.getByTestId("case-read-only").waitFor();
    expect(await agent.getByRole("button", { name: "Trả lời" }).count()).toBe(0);
    await agent.close();

    // The justice department's supervisor finds it in their list and answers it.
    const supervisor = await asUser("stp.giamsat");
    await supervisor.getByRole("menuitem", { name: "Phiếu", exact: true }).click();
    await caseRow(supervisor, code).click();
    await supervisor.getByRole("button", { name: "Trả lời" }).click();
    const answer = supervisor.getByRole("dialog", { name: `Trả lời phiếu ${code}` });
    await answer.getByRole("textbox", { name: "Nội dung trả lời" }).fill(ANSWER);
    await answer.getByRole("button", { name: "Trả lời" }).click();
    await supervisor.getByText("Đã lưu trả lời").waitFor();
    await expect.poll(() => supervisor.getByTestId("case-state").first().textContent(), { timeout: 10_000 }).toBe("Đã trả lời");
    expect(await supervisor.getByTestId("case-answer").textContent()).toBe(ANSWER);
    await expect
      .poll(() => db.case.findUniqueOrThrow({ where: { id: created.id } }).then((c) => [c.state, c.answer]), { timeout: 10_000 })
      .toEqual(["answered", ANSWER]);
    await supervisor.close();

    // Back at the ward: the case and its answer, read-only.
    const again = await asUser("quynhon.nv1");
    await again.getByRole("menuitem", { name: "Phiếu", exact: true }).click();
    await caseRow(again, code).click();
    await again.getByTestId("case-answer").waitFor();
    expect(await again.getByTestId("case-answer").textContent()).toBe(ANSWER);
    await again.getByTestId("case-read-only").waitFor();
    expect(await again.getByRole("button", { name: "Mở lại" }).count()).toBe(0);
    await again.screenshot({ path: `${ROOT}/test-results/cases.png`, fullPage: true }).catch(() => {});
    await again.close();
  });
});
