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

  it("flags overdue cases in red, filters them, and takes a case entered by hand", async () => {
    const ward = await db.agency.findUniqueOrThrow({ where: { code: "P-QUYNHON" } });
    const late = await db.case.create({
      data: {
        code: "GL-2026-900001",
        phone: "+84987654321",
        kind: "complaint",
        question: "Phản ánh chậm trả kết quả hồ sơ",
        agencyId: ward.id,
        source: "manual",
        state: "in_progress",
        dueDate: new Date("2026-11-20"),
        dueAt: new Date("2026-11-20T17:00:00Z"),
      },
    });
    const page = await asUser("quynhon.nv1");
    await page.getByRole("menuitem", { name: "Phiếu", exact: true }).click();
    const row = caseRow(page, late.code);
    await row.getByTestId("case-overdue").waitFor();
    expect(await row.textContent()).toContain("20/11/2026");

    // Only the overdue ones.
    await page.getByRole("button", { name: "Thêm bộ lọc" }).click();
    await page.getByRole("menuitemcheckbox", { name: "Chỉ phiếu quá hạn" }).click();
    await expect.poll(() => page.locator("table tbody tr").count(), { timeout: 10_000 }).toBe(1);
    expect(await page.locator("table tbody tr").first().textContent()).toContain(late.code);

    // By hand: the citizen's number, the kind and the question.
    await page.goto(`${base}/admin/#/cases/create`);
    await page.getByRole("textbox", { name: "Số điện thoại công dân" }).fill("0905 123 456");
    await page.getByRole("combobox", { name: "Loại phiếu" }).click();
    await page.getByRole("option", { name: "Kiến nghị" }).click();
    await page.getByRole("textbox", { name: "Nội dung" }).fill("Kiến nghị mở thêm quầy tiếp nhận buổi sáng thứ Bảy");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByText(/^Đã tạo phiếu GL-\d{4}-\d{6}$/).waitFor();
    expect(await db.case.findFirstOrThrow({ where: { phone: "+84905123456" }, include: { agency: true } })).toMatchObject({
      kind: "proposal",
      source: "manual",
      agency: { code: "P-QUYNHON" },
    });
    await page.close();
  });

  it("lets an administrator change the working days a kind of case may take", async () => {
    const page = await asUser("admin");
    await page.getByRole("menuitem", { name: "Thời hạn xử lý phiếu" }).click();
    await page.getByRole("row").filter({ hasText: "Khiếu nại" }).click();
    const days = page.getByRole("spinbutton", { name: "Số ngày làm việc để trả lời" });
    await days.fill("12");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByRole("row").filter({ hasText: "Khiếu nại" }).filter({ hasText: "12" }).waitFor();
    expect(await db.caseServiceLevel.findUniqueOrThrow({ where: { kind: "complaint" } })).toMatchObject({ workingDays: 12 });
    await page.close();
  });

  it("works a case from a callback request through its states: assign, wait for the citizen, answer, close, reopen, link a call", async () => {
    const ward = await db.agency.findUniqueOrThrow({ where: { code: "P-QUYNHON" } });
    const request = await db.callbackRequest.create({ data: { agencyId: ward.id, phone: "+84912000088", dueAt: new Date() } });
    const page = await asUser("quynhon.nv1");
    await page.goto(`${base}/admin/#/callback-requests/${request.id}/show`);
    await page.getByTestId("create-case-callback").click();
    await page.getByText(/Tạo từ yêu cầu gọi lại/).waitFor();
    await page.getByRole("textbox", { name: "Nội dung" }).fill("Hỏi tiến độ hồ sơ đăng ký kinh doanh");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByText(/^Đã tạo phiếu GL-\d{4}-\d{6}$/).waitFor();
    const kase = await db.case.findFirstOrThrow({ where: { callbackRequestId: request.id } });
    expect(kase).toMatchObject({ phone: "+84912000088", source: "callback_request", kind: "question" });

    const action = async (button: string, dialog: string, fill?: () => Promise<void>) => {
      await page.getByRole("button", { name: button, exact: true }).first().click();
      const opened = page.getByRole("dialog", { name: dialog });
      await fill?.();
      await opened.getByRole("button", { name: button, exact: true }).click();
      await opened.waitFor({ state: "hidden" });
    };
    const stateOf = () => db.case.findUniqueOrThrow({ where: { id: kase.id } });

    await action("Giao xử lý", `Giao xử lý phiếu ${kase.code}`, async () => {
      await page.getByRole("combobox", { name: "Cán bộ" }).click();
      await page.getByRole("option").filter({ hasText: "quynhon.nv1" }).first().click();
    });
    await expect.poll(async () => (await stateOf()).assigneeId, { timeout: 10_000 }).not.toBeNull();

    // Edit: the state moved by hand to "waiting for the citizen", a detail added.
    await page.getByRole("link", { name: "Sửa" }).click();
    await page.getByRole("combobox", { name: "Trạng thái" }).click();
    await page.getByRole("option", { name: "Chờ công dân bổ sung" }).click();
    await page.getByRole("textbox", { name: "Họ tên công dân" }).fill("Nguyễn Văn An");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect
      .poll(async () => [(await stateOf()).state, (await stateOf()).citizenName], { timeout: 10_000 })
      .toEqual(["waiting_citizen", "Nguyễn Văn An"]);

    await action("Trả lời", `Trả lời phiếu ${kase.code}`, () =>
      page.getByRole("textbox", { name: "Nội dung trả lời" }).fill("Hồ sơ đã được duyệt, mời ông bà đến nhận."),
    );
    await expect.poll(async () => (await stateOf()).state, { timeout: 10_000 }).toBe("answered");
    await action("Đóng phiếu", `Đóng phiếu ${kase.code}`);
    await expect.poll(async () => (await stateOf()).state, { timeout: 10_000 }).toBe("closed");
    await action("Mở lại", `Mở lại phiếu ${kase.code}`, () =>
      page.getByRole("textbox", { name: "Lý do (không bắt buộc)" }).fill("Công dân gọi lại, chưa nhận được kết quả"),
    );
    await expect.poll(async () => (await stateOf()).state, { timeout: 10_000 }).toBe("reopened");
    await action("Gắn cuộc gọi", `Gắn cuộc gọi vào phiếu ${kase.code}`, () =>
      page.getByRole("spinbutton", { name: "Số cuộc gọi (ID)" }).fill(String(callId)),
    );
    await page.getByTestId("case-history").getByText("Gắn cuộc gọi").waitFor();
    await page.getByRole("link", { name: `#${callId}` }).waitFor();
    const events = (await db.caseEvent.findMany({ where: { caseId: kase.id }, orderBy: { id: "asc" } })).map((e) => e.type);
    expect(events).toEqual(expect.arrayContaining(["created", "assigned", "answered", "closed", "reopened", "call_linked"]));
    await page.close();
  });
});
