// A supervisor watches the live board in Chromium while the rows change underneath, as the queue and
// presence code would change them: a caller joins the queue and appears with a ticking wait, is
// connected and leaves; a staff member goes away with a reason. Nothing is reloaded: the page follows
// the server's event stream. Real server, demo seed, built console; the page also fits a 390 px phone.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { insertCall } from "../helpers/calls.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_STAFF_PASSWORD, seedDemo } from "../helpers/demo.js";

let server: ConsoleServer;
let browser: BrowserContext;
let page: Page;
const ids = { agency: 0, agencyName: "", staff: 0, staffName: "" };

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    const supervisor = await db.user.findUniqueOrThrow({ where: { username: "stp.giamsat" }, include: { agency: true } });
    const staff = await db.user.findUniqueOrThrow({ where: { username: "stp.nv1" } });
    await db.user.update({ where: { id: staff.id }, data: { presence: "on_call", presenceSince: new Date(Date.now() - 90_000) } });
    Object.assign(ids, { agency: supervisor.agencyId, agencyName: supervisor.agency.name, staff: staff.id, staffName: staff.name });
  });
  browser = await launchBrowser();
  page = await browser.newPage();
  await logIn(page, server.base, "stp.giamsat", DEMO_STAFF_PASSWORD);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const waitingFigure = () => page.getByTestId("board-waiting").locator("p");

describe("the live board in the console", () => {
  it("opens from the menu on the supervisor's agency, fitting a phone's width", async () => {
    await page.getByRole("menuitem", { name: "Bảng theo dõi trực tiếp", exact: true }).click();
    await expect.poll(() => page.getByTestId("board-scope").textContent()).toBe(ids.agencyName);
    await page.getByText("Không có ai đang chờ").waitFor();
    expect(await waitingFigure().textContent()).toBe("0");
    const member = page.getByTestId("board-staff-member").filter({ hasText: ids.staffName });
    expect(await member.textContent()).toContain("Đang nghe máy");
    // On a phone: nothing wider than the screen.
    await page.setViewportSize({ width: 390, height: 844 });
    await expect.poll(() => page.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
  });

  it("shows a caller joining the queue with a wait that ticks, then leaving when connected", async () => {
    const call = await insertCall(server.db, { agencyId: ids.agency, status: "in-progress", simulated: true });
    const entry = await server.db.queueEntry.create({
      data: { callId: call.id, agencyId: ids.agency, enqueuedAt: new Date(Date.now() - 65_000) },
    });
    const caller = page.getByTestId("board-waiting-caller");
    await caller.waitFor();
    expect(await waitingFigure().textContent()).toBe("1");
    expect(await caller.textContent()).toContain(ids.agencyName);
    const first = await caller.textContent();
    expect(first).toMatch(/đã chờ 01:0\d/);
    await expect.poll(() => caller.textContent(), { timeout: 4000 }).not.toBe(first);

    await server.db.queueEntry.update({ where: { id: entry.id }, data: { staffId: ids.staff, assignedAt: new Date() } });
    await page.getByText("Đang nối máy cho cán bộ").waitFor();
    await server.db.queueEntry.update({ where: { id: entry.id }, data: { outcome: "answered", leftAt: new Date() } });
    await server.db.call.update({ where: { id: call.id }, data: { answeredAt: new Date(), queueOutcome: "answered", queueSeconds: 66 } });
    await page.getByText("Không có ai đang chờ").waitFor();
    expect(await waitingFigure().textContent()).toBe("0");
    await expect.poll(() => page.getByTestId("board-answered").locator("p").textContent()).toBe("1");
  });

  it("shows a staff member going away, with the reason", async () => {
    await server.db.user.update({
      where: { id: ids.staff },
      data: { presence: "away", presenceSince: new Date(), awayReason: "missed_rings" },
    });
    const member = page.getByTestId("board-staff-member").filter({ hasText: ids.staffName });
    await expect.poll(() => member.textContent()).toContain("Tạm vắng");
    expect(await member.textContent()).toContain("Lỡ hai cuộc gọi liên tiếp");
    expect(await page.getByTestId("board-staff-counts").textContent()).toContain("Tạm vắng: 1");
  });

  it("shows the line's figures and each staff member's occupancy beside satisfaction in the report", async () => {
    const hoursAgo = (n: number) => new Date(Date.now() - n * 3_600_000);
    for (const [at, state] of [
      [hoursAgo(2), "available"],
      [hoursAgo(1), "on_call"],
      [hoursAgo(0.5), "available"],
    ] as const) {
      await server.db.presenceChange.create({ data: { userId: ids.staff, state, at } });
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.getByRole("menuitem", { name: "Báo cáo hài lòng", exact: true }).click();
    const figures = page.getByTestId("line-figures");
    await figures.getByText("Thời gian chờ và công việc của cán bộ").waitFor();
    expect(await figures.textContent()).toContain("Trả lời trong 20 giây");
    const row = figures.getByRole("table", { name: "Theo cán bộ" }).getByRole("row").filter({ hasText: ids.staffName });
    await expect.poll(() => row.textContent()).toContain("25%");
  });
});
