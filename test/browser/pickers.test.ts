// Dates and times in Vietnamese in every input: a day is typed and shown dd/mm/yyyy (not the
// browser's mm/dd/yyyy), a time is 24-hour (no AM/PM), the label sits above the box, the API gets
// "YYYY-MM-DD" / "HH:MM", and the SMS window's end accepts the 24:00 its hint offers.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { adminSession } from "../helpers/admin-session.js";
import { insertCall } from "../helpers/calls.js";

// One call and one change, so the call log and the audit log have rows besides sign-ins.
const session = adminSession(async (db) => {
  await insertCall(db);
  await db.auditLog.create({ data: { action: "update", resource: "agencies", resourceId: "1" } });
});

/** Types as a user does, key by key (the mask adds the separators). */
async function typeInto(page: Page, label: string, keys: string) {
  const box = page.getByRole("textbox", { name: label, exact: true });
  await box.click();
  await box.pressSequentially(keys);
  return box;
}

describe("date and time inputs", () => {
  it("types an hours override's day as dd/mm/yyyy and saves that day", async () => {
    await session.page.goto(`${session.base}/admin/#/hours-overrides/create`);
    const date = await typeInto(session.page, "Ngày", "30042026");
    expect(await date.inputValue()).toBe("30/04/2026");
    expect(await date.getAttribute("type")).toBe("text");
    // The label is shrunk above the box, not drawn over the text.
    expect(await session.page.locator("label", { hasText: /^Ngày/ }).first().getAttribute("data-shrink")).toBe("true");
    await session.page.getByRole("button", { name: "Lưu" }).click();
    await session.page.waitForURL(/#\/hours-overrides$/);
    // The list shows the day as it was typed (and the saved form is gone before the next test opens another).
    await session.page.getByText("30/04/2026").first().waitFor();
    expect((await session.db.hoursOverride.findMany()).map((o) => o.date.toISOString().slice(0, 10))).toEqual(["2026-04-30"]);
  });

  it("refuses a day that does not exist instead of saving another one", async () => {
    await session.page.goto(`${session.base}/admin/#/hours-overrides/create`);
    await typeInto(session.page, "Ngày", "31022026");
    await session.page.getByRole("button", { name: "Lưu" }).click();
    await session.page.getByText("Nhập ngày dạng ngày/tháng/năm, ví dụ 30/04/2026").waitFor();
    expect(await session.db.hoursOverride.count({ where: { date: new Date("2026-03-03") } })).toBe(0);
  });

  it("accepts 24:00 as the end of the SMS sending window, in 24-hour time", async () => {
    await session.page.goto(`${session.base}/admin/#/sms-policy`);
    const end = session.page.getByRole("textbox", { name: "Đến", exact: true });
    await expect.poll(() => end.inputValue()).toBe("22:00");
    await end.fill("");
    await end.pressSequentially("2400");
    expect(await end.inputValue()).toBe("24:00");
    await session.page.getByRole("button", { name: "Lưu" }).click();
    await expect
      .poll(async () => (await (await session.page.request.get(`${session.base}/api/settings/sms-policy`)).json()).windowEnd)
      .toBe("24:00");
    // 24:00 starts nothing: the window's start refuses it.
    const start = session.page.getByRole("textbox", { name: "Từ", exact: true });
    await start.fill("2400");
    await session.page.getByRole("button", { name: "Lưu" }).click();
    await session.page.getByText("Nhập giờ dạng 24 giờ, ví dụ 07:30 hoặc 17:00").waitFor();
  });

  it("filters the call log by a day typed dd/mm/yyyy, and waits until the day is complete", async () => {
    await session.page.goto(`${session.base}/admin/#/calls`);
    const from = await typeInto(session.page, "Từ ngày", "0111");
    expect(await from.inputValue()).toBe("01/11");
    // Half a date is no filter yet (and no error from the server).
    await session.page.waitForTimeout(800);
    expect(decodeURIComponent(session.page.url())).not.toContain('"from"');
    await from.pressSequentially("2026");
    await expect.poll(() => decodeURIComponent(session.page.url())).toContain('"from":"2026-11-01"');
    expect(await from.inputValue()).toBe("01/11/2026");
  });

  it("reads the audit log without routine sign-ins unless asked, and by a period typed dd/mm/yyyy", async () => {
    const { page } = session;
    await page.goto(`${session.base}/admin/#/audit-logs`);
    const hide = page.getByLabel("Ẩn đăng nhập");
    expect(await hide.isChecked()).toBe(true);
    const signIns = page.getByRole("row").filter({ hasText: "Đăng nhập" }).filter({ hasNotText: "thất bại" });
    await page.getByRole("row").nth(1).waitFor();
    expect(await signIns.count()).toBe(0);
    await hide.uncheck();
    await expect.poll(() => signIns.count()).toBeGreaterThan(0);
    // A period that ends before anything happened empties the list.
    await typeInto(page, "Đến ngày", "01012020");
    await expect.poll(() => decodeURIComponent(page.url())).toContain('"to":"2020-01-01"');
    await expect.poll(() => signIns.count()).toBe(0);
  });
});
