// Irreversible actions as an administrator meets them in the console: a bulk delete asks first, a
// cancelled confirmation keeps the data, and a bulk delete the server partly refuses (409: the agency
// still has sub-agencies) says how many rows went and which stayed, and the refused row stays; a row
// delete asks too; leaving an edited form warns and staying keeps the typing.
import { describe, expect, it } from "vitest";
import { adminSession } from "../helpers/admin-session.js";

const session = adminSession(async (db) => {
  const unit = { kind: "unit" as const };
  await db.agency.create({ data: { ...unit, code: "XOA-1", name: "Tổ xóa thử một" } });
  const parent = await db.agency.create({ data: { ...unit, code: "XOA-2", name: "Tổ xóa thử hai" } });
  await db.agency.create({ data: { ...unit, code: "XOA-2-1", name: "Nhóm con của tổ hai", parentId: parent.id } });
  await db.contactList.create({ data: { name: "Danh sách tạm" } });
});

const agencyCodes = async () =>
  (await session.db.agency.findMany({ where: { code: { startsWith: "XOA-" } }, orderBy: { code: "asc" } })).map((a) => a.code);

describe("safe actions", () => {
  it("asks before a bulk delete, keeps everything on cancel, and reports a partial refusal truthfully", async () => {
    await session.page.goto(`${session.base}/admin/#/agencies?filter=${encodeURIComponent(JSON.stringify({ q: "xóa thử" }))}`);
    const row = (name: string) => session.page.getByRole("row").filter({ hasText: name });
    await row("Tổ xóa thử một").getByRole("checkbox").check();
    await row("Tổ xóa thử hai").getByRole("checkbox").check();

    await session.page.getByRole("button", { name: "Xóa", exact: true }).click();
    const dialog = session.page.getByRole("dialog");
    await dialog.getByText("Bạn có chắc chắn muốn xóa 2 mục này không?").waitFor();
    await dialog.getByRole("button", { name: "Hủy" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await agencyCodes()).toEqual(["XOA-1", "XOA-2", "XOA-2-1"]);

    await session.page.getByRole("button", { name: "Xóa", exact: true }).click();
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    // No "Đã xóa 2 mục": one went, the other is named with the server's reason, and stays.
    await session.page.getByText("Đã xóa 1 mục. Không xóa được 1 mục: Tổ xóa thử hai (Đang được sử dụng").waitFor();
    expect(await agencyCodes()).toEqual(["XOA-2", "XOA-2-1"]);
    await row("Tổ xóa thử một").waitFor({ state: "detached" });
    // Well after the 5 s an undoable delete waited, the refused row is still listed.
    await session.page.waitForTimeout(5_500);
    expect(await row("Tổ xóa thử hai").count()).toBe(1);
    expect(await session.page.getByText("Đã xóa 2 mục").count()).toBe(0);
  });

  it("asks before deleting one row; cancel keeps it, confirming deletes it", async () => {
    await session.page.goto(`${session.base}/admin/#/contact-lists`);
    const row = session.page.getByRole("row").filter({ hasText: "Danh sách tạm" });
    await row.getByRole("button", { name: "Xóa" }).click();
    const dialog = session.page.getByRole("dialog");
    await dialog.waitFor();
    await dialog.getByRole("button", { name: "Hủy" }).click();
    await dialog.waitFor({ state: "hidden" });
    expect(await session.db.contactList.count({ where: { name: "Danh sách tạm" } })).toBe(1);

    await row.getByRole("button", { name: "Xóa" }).click();
    await dialog.getByRole("button", { name: "Xác nhận" }).click();
    await expect.poll(() => session.db.contactList.count({ where: { name: "Danh sách tạm" } })).toBe(0);
    await row.waitFor({ state: "detached" });
  });

  it("warns before leaving a form with unsaved changes and keeps them when the user stays", async () => {
    const list = await session.db.contactList.create({ data: { name: "Danh sách đang sửa" } });
    await session.page.goto(`${session.base}/admin/#/contact-lists/${list.id}`);
    const name = session.page.getByRole("textbox", { name: "Tên" });
    await expect.poll(() => name.inputValue()).toBe("Danh sách đang sửa");
    await name.fill("Tên mới chưa lưu");

    const warnings: string[] = [];
    session.page.once("dialog", (dialog) => {
      warnings.push(dialog.message());
      void dialog.dismiss();
    });
    await session.page.locator('a[href="#/audit-logs"]').click();
    await expect.poll(() => warnings).toEqual(["Một số thay đổi của bạn chưa được lưu. Bạn có chắc chắn muốn bỏ qua chúng không?"]);
    expect(session.page.url()).toMatch(new RegExp(`#/contact-lists/${list.id}$`));
    expect(await name.inputValue()).toBe("Tên mới chưa lưu");
    expect((await session.db.contactList.findUniqueOrThrow({ where: { id: list.id } })).name).toBe("Danh sách đang sửa");
  });
});
