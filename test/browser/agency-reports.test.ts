// The periodic report page ("Báo cáo định kỳ") and the scoring settings in headless Chromium against
// the real server and the built console: an administrator sees the province ranked with grade chips
// and charts, exports and prints, switches to a quarter, prepares the report and changes the formula;
// a supervisor sees only their agency's subtree and neither the preparation nor the settings.
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, vietnamClock } from "../../server/clock/vietnam-time.js";
import type { Db } from "../../server/platform/db/client.js";
import { PASSWORD, seedSmallProvince } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { createCall } from "../helpers/calls.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { ROOT } from "../helpers/processes.js";

let server: ConsoleServer;
let browser: BrowserContext;

// Last month, which the page opens on.
const lastDay = addDays(`${vietnamClock(new Date()).date.slice(0, 7)}-01`, -1);
const MONTH = lastDay.slice(0, 7);
const at = (day: number, time = "09:00:00") => new Date(`${MONTH}-${String(day).padStart(2, "0")}T${time}+07:00`);

async function prepare(db: Db) {
  const { agencies } = await seedSmallProvince(db);
  // The department: 10 calls, 9 satisfied; Quy Nhơn: 10 calls, 5 satisfied; the unit: 2 calls (ungraded).
  for (let i = 0; i < 10; i++)
    await createCall(db, { agencyId: agencies.department.id, startedAt: at(2 + i), satisfaction: i === 0 ? 3 : 1 });
  for (let i = 0; i < 10; i++) await createCall(db, { agencyId: agencies.wardA.id, startedAt: at(3 + i), satisfaction: i < 5 ? 3 : 2 });
  for (let i = 0; i < 2; i++) await createCall(db, { agencyId: agencies.unit.id, startedAt: at(4), satisfaction: 1 });
  const kinds = ["question", "feedback", "complaint"] as const;
  for (const [i, kind] of kinds.entries()) {
    await db.case.create({
      data: {
        code: `GL-2026-00000${i + 1}`,
        phone: "+84912345678",
        kind,
        topic: "Hộ tịch",
        question: "Đăng ký khai sinh",
        agencyId: agencies.department.id,
        source: "manual",
        state: "answered",
        dueDate: at(12),
        dueAt: at(13, "00:00:00"),
        answeredAt: at(i === 2 ? 14 : 6),
        createdAt: at(5),
      },
    });
  }
}

beforeAll(async () => {
  server = await startConsoleServer(prepare);
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const heading = (month: string) => `Báo cáo định kỳ tháng ${month.slice(5, 7)}/${month.slice(0, 4)}`;

describe("the periodic report in the console", () => {
  it("an administrator sees the province ranked, exports, prints, prepares it and sets the formula", async () => {
    const page = await browser.newPage();
    await logIn(page, server.base, "admin", PASSWORD);
    await page.getByRole("menuitem", { name: "Báo cáo định kỳ", exact: true }).click();
    await expect.poll(() => page.getByTestId("report-heading").textContent(), { timeout: 10_000 }).toBe(heading(MONTH));
    expect(await page.getByTestId("prepared-state").textContent()).toBe("Số liệu tính khi xem");

    const ranking = page.getByRole("table", { name: "Xếp hạng" });
    const department = ranking.getByRole("row").filter({ hasText: "Sở Tư pháp" });
    // Satisfaction 9/10 (0.5), on time 2/3 (0.3), answered 10/10 (0.2): 85.0, tốt.
    await expect.poll(() => department.textContent(), { timeout: 10_000 }).toContain("85,0");
    expect(await department.textContent()).toMatch(/^1Sở Tư pháp/);
    expect(await department.locator("[data-grade]").getAttribute("data-grade")).toBe("good");
    expect(await department.textContent()).toContain("Tốt");
    const ward = ranking.getByRole("row").filter({ hasText: "Phường Quy Nhơn" });
    // Satisfaction 5/10, no cases, all answered: (0.5·0.5 + 0.2·1) / 0.7 = 64.3, chưa đạt.
    expect(await ward.textContent()).toContain("64,3");
    expect(await ward.textContent()).toContain("Chưa đạt");
    expect(await ranking.getByRole("row").filter({ hasText: "Phòng Hành chính tư pháp" }).textContent()).toContain("Chưa đủ đánh giá");
    expect(await ranking.getByRole("row").filter({ hasText: "Toàn tỉnh" }).count()).toBe(1);
    await expect.poll(() => page.getByTestId("score-chart").locator(".recharts-bar-rectangle").count(), { timeout: 10_000 }).toBe(2);
    await expect.poll(() => page.getByTestId("cases-chart").locator(".recharts-bar-rectangle").count(), { timeout: 10_000 }).toBe(3);
    const cases = page.getByRole("table", { name: "Phiếu tiếp nhận theo loại và chủ đề" });
    expect(await cases.getByRole("columnheader").allTextContents()).toEqual(
      expect.arrayContaining(["Hỏi đáp", "Phản ánh", "Kiến nghị", "Khiếu nại", "Hộ tịch"]),
    );

    expect(await page.getByRole("link", { name: "Xuất .xlsx" }).getAttribute("href")).toBe(
      `/api/agency-reports/export.xlsx?period=${MONTH}`,
    );
    const print = page.getByRole("link", { name: "In" });
    expect(await print.getAttribute("href")).toBe(`/api/agency-reports/print?period=${MONTH}`);
    const [printed] = await Promise.all([page.context().waitForEvent("page"), print.click()]);
    await printed.waitForLoadState();
    expect(await printed.locator("h1").textContent()).toBe(`BÁO CÁO ĐỊNH KỲ THÁNG ${MONTH.slice(5, 7)}/${MONTH.slice(0, 4)}`);
    await printed.close();
    await page.screenshot({ path: `${ROOT}/test-results/agency-report.png`, fullPage: true }).catch(() => {});

    await page.getByRole("button", { name: "Lập lại báo cáo" }).click();
    await expect.poll(() => page.getByTestId("prepared-state").textContent(), { timeout: 10_000 }).toMatch(/^Lập lúc /);
    await expect.poll(() => server.db.reportSnapshot.count({ where: { period: MONTH } })).toBe(1);

    // A quarter.
    await page.getByRole("combobox", { name: "Kỳ báo cáo" }).click();
    await page.getByRole("option", { name: "Quý" }).click();
    await expect
      .poll(() => page.getByTestId("report-heading").textContent(), { timeout: 10_000 })
      .toMatch(/^Báo cáo định kỳ quý (I|II|III|IV)\/\d{4}$/);

    // The formula: bands out of order are refused; then good from 86 makes the department "đạt".
    await page.getByRole("menuitem", { name: "Chấm điểm báo cáo", exact: true }).click();
    const good = page.getByRole("spinbutton", { name: "Tốt từ" });
    await good.waitFor();
    await good.fill("95");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect
      .poll(() => page.getByText("Điểm thấp nhất của mỗi mức phải cao hơn mức sau").count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await good.fill("86");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => page.getByText("Đã lưu cách chấm điểm").count(), { timeout: 10_000 }).toBe(1);
    const stored = await server.db.setting.findUnique({ where: { key: "reports.scoring" } });
    expect(stored?.value).toMatchObject({ bands: { excellent: 90, good: 86, pass: 65 } });
    await page.screenshot({ path: `${ROOT}/test-results/report-scoring.png`, fullPage: true }).catch(() => {});

    // Counted afresh with the new formula (the prepared report keeps the formula it was prepared with).
    await page.getByRole("menuitem", { name: "Báo cáo định kỳ", exact: true }).click();
    await page.getByRole("button", { name: "Tính lại theo số liệu hiện tại" }).click();
    await expect.poll(() => page.getByTestId("prepared-state").textContent(), { timeout: 10_000 }).toBe("Số liệu tính khi xem");
    await expect
      .poll(() => page.getByRole("table", { name: "Xếp hạng" }).getByRole("row").filter({ hasText: "Sở Tư pháp" }).textContent(), {
        timeout: 10_000,
      })
      .toContain("Đạt");
    await page.close();
  });

  it("a supervisor sees their subtree only, without preparing or the formula", async () => {
    // Signed out of the administrator's session (the browser profile is shared).
    await browser.clearCookies();
    const page = await browser.newPage();
    await logIn(page, server.base, "stp.giamsat", PASSWORD);
    await page.getByRole("menuitem", { name: "Báo cáo định kỳ", exact: true }).click();
    await expect.poll(() => page.getByTestId("report-heading").textContent(), { timeout: 10_000 }).toBe(heading(MONTH));
    const ranking = page.getByRole("table", { name: "Xếp hạng" });
    await expect.poll(() => ranking.getByRole("row").filter({ hasText: "Sở Tư pháp" }).count(), { timeout: 10_000 }).toBe(1);
    expect(await ranking.getByRole("row").filter({ hasText: "Phường Quy Nhơn" }).count()).toBe(0);
    expect(await ranking.getByRole("row").filter({ hasText: "Phòng Hành chính tư pháp" }).count()).toBe(1);
    expect(await ranking.getByRole("row").filter({ hasText: "Tổng" }).count()).toBe(1);
    expect(await page.getByRole("button", { name: "Lập lại báo cáo" }).count()).toBe(0);
    expect(await page.getByRole("menuitem", { name: "Chấm điểm báo cáo" }).count()).toBe(0);
    await page.close();
  });
});
