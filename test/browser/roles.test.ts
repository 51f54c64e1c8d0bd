// Each of the five roles at work in the console (issue 10): its own home page, whose cards count
// exactly what their links open, a menu with only what its work needs, and a page it may not use
// neither in the menu nor reachable by its address (the console says "no permission", the API 403).
// Real server, demo seed, built console, headless Chromium.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/platform/db/client.js";
import { launchBrowser } from "../helpers/browser.js";
import { createCall } from "../helpers/calls.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, DEMO_STAFF_PASSWORD, seedDemo } from "../helpers/demo.js";

const NO_PERMISSION = "Bạn không có quyền xem mục này";
const HOUR = 3_600_000;

let server: ConsoleServer;
let browser: BrowserContext;
const ids = { ward: 0, otherWard: 0, otherWardCall: 0, agent: 0, colleague: 0, provinceOverride: 0, wardOverride: 0 };

/** Today in P-QUYNHON: two real calls (one answered by its agent, dissatisfied) and a simulated one; one real call in Pleiku; yesterday's call. */
async function prepare(db: Db) {
  const agency = (code: string) => db.agency.findUniqueOrThrow({ where: { code } });
  const user = (username: string) => db.user.findUniqueOrThrow({ where: { username } });
  const ward = await agency("P-QUYNHON");
  const otherWard = await agency("P-PLEIKU");
  const agent = await user("p-quynhon.nv1");
  const colleague = await user("p-quynhon.nv2");
  const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000);
  await createCall(db, { agencyId: ward.id, staffId: agent.id, satisfaction: 3, startedAt: minutesAgo(3) });
  await createCall(db, { agencyId: ward.id, termination: "abandoned_ringing", startedAt: minutesAgo(2) });
  await createCall(db, { agencyId: ward.id, staffId: agent.id, simulated: true, startedAt: minutesAgo(1) });
  await createCall(db, { agencyId: ward.id, staffId: agent.id, startedAt: new Date(Date.now() - 30 * HOUR) });
  const otherWardCall = await createCall(db, { agencyId: otherWard.id, startedAt: minutesAgo(4) });
  const callback = (agencyId: number, dueInHours: number) =>
    db.callbackRequest.create({ data: { agencyId, phone: "+84912345678", dueAt: new Date(Date.now() + dueInHours * HOUR) } });
  await callback(ward.id, -1);
  await callback(ward.id, 3);
  await callback(otherWard.id, -2);
  const override = (agencyId: number | null, note: string) =>
    db.hoursOverride.create({ data: { agencyId, date: new Date("2027-02-10"), closed: true, note } });
  const provinceOverride = await override(null, "Nghỉ toàn tỉnh");
  const wardOverride = await override(ward.id, "Phường nghỉ");
  Object.assign(ids, {
    ward: ward.id,
    otherWard: otherWard.id,
    otherWardCall: otherWardCall.id,
    agent: agent.id,
    colleague: colleague.id,
    provinceOverride: provinceOverride.id,
    wardOverride: wardOverride.id,
  });
}

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await prepare(db);
  });
  browser = await launchBrowser();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A fresh browser profile per role, signed in, on the home page. */
async function signedIn(username: string, password = DEMO_STAFF_PASSWORD): Promise<{ page: Page; context: BrowserContext }> {
  const context = await launchBrowser();
  const page = await context.newPage();
  await logIn(page, server.base, username, password);
  await page.getByText("Xin chào,").waitFor();
  return { page, context };
}

const card = (page: Page, id: string) => page.getByTestId(`home-${id}`);
const cardText = async (page: Page, id: string) => {
  await expect.poll(() => card(page, id).textContent(), { timeout: 10_000 }).toMatch(/\S/);
  return (await card(page, id).textContent())?.trim();
};
const menuEntries = async (page: Page) => (await page.getByRole("menuitem").allTextContents()).map((text) => text.trim());

/** Opens the card's link: the list it leads to shows exactly `rows` rows. */
async function expectRowsBehind(page: Page, id: string, resource: string, rows: number) {
  await page.getByTestId(`home-card-${id}`).getByRole("link").first().click();
  await page.waitForURL(new RegExp(`#/${resource}\\?`));
  await expect.poll(() => page.locator("table tbody tr").count(), { timeout: 10_000 }).toBe(rows);
  await page.waitForLoadState("networkidle");
  expect(await page.locator("table tbody tr").count()).toBe(rows);
}

/** The API's answer to the signed-in browser's session. */
async function apiStatus(context: BrowserContext, path: string): Promise<number> {
  const session = (await context.cookies()).find((c) => c.name === "tthc_session");
  return (await fetch(`${server.base}${path}`, { headers: { cookie: `tthc_session=${session?.value}` } })).status;
}

async function expectNoPermissionAt(page: Page, hash: string) {
  await page.goto(`${server.base}/admin/#${hash}`);
  await page.getByText(NO_PERMISSION).waitFor();
  expect(await page.getByText("Mục không tồn tại").count()).toBe(0);
}

describe("the login page", () => {
  it("asks the server who is signed in once per load, not once per check", async () => {
    const context = await launchBrowser();
    try {
      const page = await context.newPage();
      let asked = 0;
      page.on("request", (request) => {
        if (new URL(request.url()).pathname === "/api/auth/me") asked++;
      });
      await page.goto(`${server.base}/admin/`);
      await page.getByRole("button", { name: "Đăng nhập" }).waitFor();
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(500);
      expect(asked).toBe(1);
    } finally {
      await context.close();
    }
  });
});

describe("a supervisor of a ward", () => {
  it("sees the ward's staff on duty, today's calls and answer rate, overdue callbacks and dissatisfied callers", async () => {
    const { page, context } = await signedIn("p-quynhon.giamsat");
    try {
      expect(await cardText(page, "staff-on-duty")).toBe("2");
      expect(await cardText(page, "today-calls")).toBe("2");
      expect(await cardText(page, "today-simulated")).toBe("1");
      expect(await cardText(page, "answer-rate")).toBe("50%");
      expect(await cardText(page, "overdue-callbacks")).toBe("1");
      expect(await cardText(page, "dissatisfied")).toBe("1");
      expect(await page.getByTestId("home-system-health").count()).toBe(0);

      const menu = await menuEntries(page);
      expect(menu).toEqual(expect.arrayContaining(["Cuộc gọi", "Yêu cầu gọi lại", "Ngày nghỉ, làm bù"]));
      expect(menu).not.toContain("Người dùng");
      expect(menu).not.toContain("Chiến dịch SMS");

      // Each count is what its link opens.
      await expectRowsBehind(page, "today-calls", "calls", 2);
      await page.goBack();
      await expectRowsBehind(page, "overdue-callbacks", "callback-requests", 1);
      await page.goBack();
      await expectRowsBehind(page, "today-simulated", "calls", 1);

      // A call of another ward exists but is not theirs: "no permission", not "does not exist".
      await expectNoPermissionAt(page, `/calls/${ids.otherWardCall}/show`);
      expect(await apiStatus(context, `/api/calls/${ids.otherWardCall}`)).toBe(403);
      await expectNoPermissionAt(page, "/users");
      expect(await apiStatus(context, "/api/users")).toBe(403);

      // Province-wide overrides are the administrators': no Sửa/Xóa offered on them, offered on the ward's.
      await page.goto(`${server.base}/admin/#/hours-overrides`);
      const provinceRow = page.getByRole("row").filter({ hasText: "Nghỉ toàn tỉnh" });
      const wardRow = page.getByRole("row").filter({ hasText: "Phường nghỉ" });
      await wardRow.getByRole("link", { name: "Sửa" }).waitFor();
      expect(await provinceRow.getByRole("link", { name: "Sửa" }).count()).toBe(0);
      expect(await provinceRow.getByRole("button", { name: "Xóa" }).count()).toBe(0);
    } finally {
      await context.close();
    }
  });
});

describe("an agent of a ward", () => {
  it("sees their calls today, the open callbacks and their own state, and may change only their own", async () => {
    const { page, context } = await signedIn("p-quynhon.nv1");
    try {
      expect(await cardText(page, "my-calls-today")).toBe("1");
      expect(await cardText(page, "open-callbacks")).toBe("2");
      expect(await cardText(page, "my-duty")).toBe("Sẵn sàng");
      expect(await page.getByTestId("home-today-calls").count()).toBe(0);

      const menu = await menuEntries(page);
      expect(menu).toEqual(expect.arrayContaining(["Cuộc gọi", "Yêu cầu gọi lại"]));
      for (const hidden of ["Người dùng", "Chiến dịch SMS", "Thử cuộc gọi", "Nhật ký hoạt động"]) expect(menu).not.toContain(hidden);

      const myName = (await server.db.user.findUniqueOrThrow({ where: { id: ids.agent } })).name;
      await page.getByLabel(`Trạng thái của ${myName}`).first().selectOption("away");
      await page.getByLabel("Lý do (không bắt buộc)").fill("Họp giao ban");
      await page.getByRole("button", { name: "Chuyển sang tạm vắng" }).click();
      await expect.poll(() => cardText(page, "my-duty")).toBe("Tạm vắng");
      await page.getByText("Họp giao ban").first().waitFor();
      expect(await server.db.user.findUniqueOrThrow({ where: { id: ids.agent } })).toMatchObject({
        presence: "away",
        awayReason: "Họp giao ban",
      });
      // The hotline sets someone away after missed rings, and the console says so.
      await server.db.user.update({ where: { id: ids.agent }, data: { awayReason: "missed_rings" } });
      await page.reload();
      await page.getByText("Tổng đài chuyển sang tạm vắng vì bỏ lỡ 2 cuộc gọi liên tiếp").first().waitFor();

      await expectRowsBehind(page, "my-calls-today", "calls", 1);

      // Their ward: its real parent and fallback, and the state control only for themself.
      await page.goto(`${server.base}/admin/#/agencies/${ids.ward}/show`);
      await page.getByText("UBND tỉnh Gia Lai (GL)").waitFor();
      await page.getByText("Tổ tổng đài viên (TTPVHCC-TD)").waitFor();
      expect(await page.getByText("Cấp cao nhất").count()).toBe(0);
      const me = await server.db.user.findUniqueOrThrow({ where: { id: ids.agent } });
      const colleague = await server.db.user.findUniqueOrThrow({ where: { id: ids.colleague } });
      await expect.poll(() => page.getByLabel(`Trạng thái của ${me.name}`).last().isEnabled()).toBe(true);
      await page.getByTestId(`presence-${colleague.id}`).waitFor();
      expect(await page.getByLabel(`Trạng thái của ${colleague.name}`).count()).toBe(0);

      await expectNoPermissionAt(page, "/campaigns");
      expect(await apiStatus(context, "/api/campaigns")).toBe(403);
    } finally {
      await context.close();
    }
  });
});

describe("the administrator", () => {
  it("sees the whole hotline and the system's health", async () => {
    const { page, context } = await signedIn("admin", DEMO_ADMIN_PASSWORD);
    try {
      expect(await cardText(page, "today-calls")).toBe("3");
      expect(await cardText(page, "today-simulated")).toBe("1");
      expect(await cardText(page, "overdue-callbacks")).toBe("2");
      expect(await cardText(page, "system-health")).toBe("Hoạt động bình thường");
      await page.getByTestId("home-queue-surveys").waitFor();
      expect(await page.getByText("Cơ sở dữ liệu: kết nối được").count()).toBe(1);
      const menu = await menuEntries(page);
      expect(menu).toEqual(expect.arrayContaining(["Cuộc gọi", "Chiến dịch SMS", "Người dùng", "Nhật ký hoạt động"]));
      await expectRowsBehind(page, "today-calls", "calls", 3);
    } finally {
      await context.close();
    }
  });
});

describe("campaign staff", () => {
  for (const { username, cards, role } of [
    { username: "chiendich.quanly", role: "manager", cards: ["campaigns-draft", "campaigns-pending_approval", "campaigns-running"] },
    { username: "chiendich.duyet", role: "approver", cards: ["campaigns-pending_approval", "campaigns-scheduled", "campaigns-running"] },
  ]) {
    it(`see the campaigns waiting for them (${role}), and nothing of the call centre`, async () => {
      const { page, context } = await signedIn(username);
      try {
        for (const id of cards) expect(await cardText(page, id), id).toBe("0");
        await page.getByTestId("home-card-recent-campaigns").getByText("Chưa có chiến dịch nào").waitFor();
        expect(await page.getByTestId("home-today-calls").count()).toBe(0);

        const menu = await menuEntries(page);
        expect(menu).toContain("Chiến dịch SMS");
        for (const hidden of [
          "Cuộc gọi",
          "Báo cáo hài lòng",
          "Báo cáo định kỳ",
          "Chấm điểm báo cáo",
          "Luồng IVR",
          "Ngày nghỉ, làm bù",
          "Thử cuộc gọi",
          "Yêu cầu gọi lại",
        ]) {
          expect(menu, hidden).not.toContain(hidden);
        }
        await expectNoPermissionAt(page, "/calls");
        await expectNoPermissionAt(page, `/calls/${ids.otherWardCall}/show`);
        for (const path of [
          "/api/calls",
          `/api/calls/${ids.otherWardCall}`,
          "/api/ivr-flow-versions",
          "/api/hours-overrides",
          "/api/reports/today",
        ]) {
          expect(await apiStatus(context, path), path).toBe(403);
        }
      } finally {
        await context.close();
      }
    });
  }
});
