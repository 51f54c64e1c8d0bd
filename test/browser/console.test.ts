// The console as an administrator and then an agent would use it, in headless Chromium against the
// real server, the real seed and the built console (npm test builds admin/dist first).
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../helpers/demo.js";
import { ROOT } from "../helpers/processes.js";

const AGENT = { username: "nv.quynhon", name: "Trần Thị Thu", password: "mat-khau-moi-2026" };

let server: ConsoleServer;
let browser: BrowserContext;

beforeAll(async () => {
  server = await startConsoleServer(async (_db, database) => seedDemo(database.url));
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("console in Vietnamese", () => {
  it("lets the seeded admin log in, see agencies, create a user and find it in the audit log", async () => {
    const page = await browser.newPage();
    await logIn(page, server.base, "admin", DEMO_ADMIN_PASSWORD);
    await expect.poll(() => page.getByText("Tổng đài giải đáp thủ tục hành chính tỉnh Gia Lai").first().isVisible()).toBe(true);

    await page.getByRole("menuitem", { name: "Cơ quan" }).click();
    await page.getByRole("row").filter({ hasText: "Phường Quy Nhơn" }).first().waitFor();
    await page.getByPlaceholder("Tìm kiếm").fill("Tư pháp");
    const department = page.getByRole("row").filter({ hasText: "Sở Tư pháp" }).first();
    await department.waitFor();
    // Kinds are shown translated, not as codes.
    expect(await department.textContent()).toContain("Sở, ban, ngành");

    await page.goto(`${server.base}/admin/#/users/create`);
    await page.getByRole("textbox", { name: "Tên đăng nhập" }).fill(AGENT.username);
    await page.getByRole("textbox", { name: "Họ và tên" }).fill(AGENT.name);
    await page.getByRole("textbox", { name: "Mật khẩu", exact: true }).fill(AGENT.password);
    await page.getByRole("checkbox", { name: "Tổng đài viên" }).check();
    await page.getByRole("combobox", { name: "Cơ quan", exact: true }).fill("Phường Quy Nhơn");
    await page.getByRole("option", { name: "Phường Quy Nhơn (P-QUYNHON)" }).click();
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByRole("row").filter({ hasText: AGENT.username }).first().waitFor();

    await page.getByRole("menuitem", { name: "Nhật ký hoạt động" }).click();
    const row = page.getByRole("row").filter({ hasText: "Tạo mới" }).filter({ hasText: "Người dùng" }).first();
    await row.waitFor();
    expect(await row.textContent()).toContain("Quản trị hệ thống");
    await page.screenshot({ path: `${ROOT}/test-results/console-audit-log.png` }).catch(() => {});
    await page.close();
  });

  it("gives the new agent their roles: no Users page and no other agency's records", async () => {
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      await logIn(page, server.base, AGENT.username, AGENT.password);
      await page.getByText(`Xin chào, ${AGENT.name}`).waitFor();

      // No Users entry in the menu, and the route does not exist for an agent.
      expect(await page.getByRole("menuitem", { name: "Người dùng" }).count()).toBe(0);
      await page.goto(`${server.base}/admin/#/agencies`);
      await page.getByRole("row").filter({ hasText: "Phường Quy Nhơn" }).first().waitFor();
      expect(await page.getByText("Sở Tư pháp", { exact: true }).count()).toBe(0);

      const other = await server.app.inject({ url: "/api/agencies?filter=%7B%22q%22%3A%22S%E1%BB%9F%20T%C6%B0%20ph%C3%A1p%22%7D" });
      expect(other.statusCode).toBe(401); // the API itself refuses anonymous calls
      const cookies = await context.cookies();
      const session = cookies.find((c) => c.name === "tthc_session");
      const users = await fetch(`${server.base}/api/users`, { headers: { cookie: `tthc_session=${session?.value}` } });
      expect(users.status).toBe(403);

      await page.goto(`${server.base}/admin/#/users`);
      await expect.poll(() => page.getByText("Tên đăng nhập", { exact: true }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });

  it("refuses an agency whose code, parent or phone is wrong, saying what is allowed next to the field", async () => {
    // The first test's browser: still logged in as the administrator.
    const page = await browser.newPage();
    await page.goto(`${server.base}/admin/#/agencies/create`);
    await page.getByRole("textbox", { name: "Mã cơ quan" }).fill("XÃ MỚI");
    await page.getByRole("textbox", { name: "Tên cơ quan" }).fill("Xã Mới");
    await page.getByRole("combobox", { name: "Loại" }).click();
    await page.getByRole("option", { name: "Xã", exact: true }).click();
    await page.getByRole("textbox", { name: "Số điện thoại" }).fill("12345");
    await page.getByRole("button", { name: "Lưu" }).click();
    await page.getByText("Mã chỉ gồm chữ cái không dấu, chữ số và các dấu . _ - (tối đa 50 ký tự), ví dụ P-QUYNHON").waitFor();
    await page.getByText("Xã, phường phải thuộc một cơ quan cấp trên").waitFor();

    await page.getByRole("textbox", { name: "Mã cơ quan" }).fill("X-MOI");
    await page.getByRole("combobox", { name: "Cơ quan cấp trên" }).fill("UBND tỉnh");
    await page.getByRole("option", { name: "UBND tỉnh Gia Lai (GL)" }).click();
    await page.getByRole("button", { name: "Lưu" }).click();
    // The phone is checked by the server (the phone module), which names the field.
    await page.getByText("Không phải số điện thoại Việt Nam hợp lệ").waitFor();
    expect(await server.db.agency.count({ where: { code: "X-MOI" } })).toBe(0);

    await page.getByRole("textbox", { name: "Số điện thoại" }).fill("0256 3822 479");
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => server.db.agency.count({ where: { code: "X-MOI", parent: { code: "GL" } } })).toBe(1);
    await page.close();
  });
});
