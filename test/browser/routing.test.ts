// The routing screens as an administrator uses them: weekly hours, staff on duty, callback requests.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/platform/db/client.js";
import { launchBrowser } from "../helpers/browser.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_ADMIN_PASSWORD, seedDemo } from "../helpers/demo.js";
import { openAllWeek } from "../helpers/hours.js";
import { simulate } from "../helpers/twilio.js";

let server: ConsoleServer;
let db: Db;
let browser: BrowserContext;
let page: Page;
let base: string;

beforeAll(async () => {
  server = await startConsoleServer(async (_db, database) => seedDemo(database.url));
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

describe("routing administration", () => {
  it("sets an agency's own weekly hours instead of inheriting them", async () => {
    const stp = await db.agency.findUniqueOrThrow({ where: { code: "STP" } });
    expect(stp.weeklyHours).toBeNull();
    await page.goto(`${base}/admin/#/agencies/${stp.id}`);
    await page.getByRole("tab", { name: "Giờ làm việc" }).click();
    await page.getByLabel("Dùng giờ làm việc của cơ quan cấp trên", { exact: true }).uncheck();
    await page.getByRole("button", { name: "Lưu" }).click();
    await expect
      .poll(async () => (await db.agency.findUniqueOrThrow({ where: { code: "STP" } })).weeklyHours)
      .toMatchObject({
        1: [
          { opens: "07:30", closes: "11:30" },
          { opens: "13:30", closes: "17:00" },
        ],
        0: [],
      });
  });

  it("sets a staff member offline from the agency page and shows their state", async () => {
    const stp = await db.agency.findUniqueOrThrow({ where: { code: "STP" } });
    const agent = await db.user.findFirstOrThrow({ where: { agencyId: stp.id, presence: "available" }, orderBy: { id: "asc" } });
    await page.goto(`${base}/admin/#/agencies/${stp.id}/show`);
    await expect.poll(() => page.getByTestId(`presence-${agent.id}`).textContent()).toBe("Sẵn sàng");
    await page.getByLabel(`Trạng thái của ${agent.name}`, { exact: true }).selectOption("offline");
    await expect.poll(async () => (await db.user.findUniqueOrThrow({ where: { id: agent.id } })).presence).toBe("offline");
    await expect.poll(() => page.getByTestId(`presence-${agent.id}`).textContent()).toBe("Ngoại tuyến");
  });

  it("records a callback attempt that reached the caller", async () => {
    const operators = await db.agency.findUniqueOrThrow({ where: { code: "TTPVHCC-TD" } });
    const request = await db.callbackRequest.create({ data: { agencyId: operators.id, phone: "+84912345678", dueAt: new Date() } });
    await page.goto(`${base}/admin/#/callback-requests/${request.id}/show`);
    await page.getByRole("button", { name: "Ghi nhận lần gọi" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("Đã gặp người gọi").click();
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(async () => (await db.callbackRequest.findUniqueOrThrow({ where: { id: request.id } })).status).toBe("called_back");
  });

  it("records a callback attempt from the list, in the dialog, without leaving the list", async () => {
    const operators = await db.agency.findUniqueOrThrow({ where: { code: "TTPVHCC-TD" } });
    const request = await db.callbackRequest.create({ data: { agencyId: operators.id, phone: "+84912345679", dueAt: new Date() } });
    await page.goto(`${base}/admin/#/callback-requests`);
    const row = page.getByRole("row").filter({ hasText: "+84912345679" });
    await row.getByRole("button", { name: "Ghi nhận lần gọi" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("radio", { name: "Không nghe máy" }).click();
    await dialog.getByRole("button", { name: "Lưu" }).click();
    await expect.poll(() => db.callbackAttempt.count({ where: { requestId: request.id } })).toBe(1);
    expect(page.url()).toMatch(/#\/callback-requests(\?|$)/);
  });
});

describe("a simulated voicemail call's page", () => {
  it("says there is no recording to play and that no survey was offered, rather than an empty player and a refusal", async () => {
    await openAllWeek(db);
    server.app.callRouting.invalidate();
    const { callSid } = await simulate(server.app, server.config, db, { digits: ["3"], staff: "no-answer" });
    const call = await db.call.findUniqueOrThrow({ where: { callSid }, include: { recordings: true } });
    expect(call.recordings.length).toBeGreaterThan(0);
    await page.goto(`${base}/admin/#/calls/${call.id}/show`);
    await page.getByText("Cuộc gọi thử không có ghi âm").first().waitFor();
    expect(await page.locator("audio").count()).toBe(0);
    expect(await page.getByText("Không khảo sát (cuộc gọi để lại lời nhắn)").count()).toBe(1);
    expect(await page.getByText("Người gọi không trả lời khảo sát").count()).toBe(0);
  });
});
