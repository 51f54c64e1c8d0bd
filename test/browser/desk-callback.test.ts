// "Gọi lại" from the console in Chromium, with the simulator playing Twilio: a staff member who answers
// in the browser places the callback from the request's page; their desk (another tab) rings first,
// they take it, the citizen is then called from the hotline's number and answers (the simulator's demo
// citizen), they hang up; the attempt with its outcome, duration and recording lands on the request,
// and the citizen's call ends with the hotline's survey.
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { createCall, HOTLINE } from "../helpers/calls.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_STAFF_PASSWORD, seedDemo } from "../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../helpers/hours.js";

const CITIZEN = "+84912000666";

let server: ConsoleServer;
let browser: BrowserContext;
let desk: Page;
let page: Page;
const ids = { staff: 0, request: 0 };

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await setProvinceHours(db, OPEN_ALL_WEEK, false);
    const staff = await db.user.findUniqueOrThrow({ where: { username: "stp.nv1" } });
    await db.user.update({ where: { id: staff.id }, data: { answerOn: "browser", presence: "available" } });
    // The citizen called the hotline (a simulated call) and asked to be called back.
    const earlier = await createCall(db, { caller: CITIZEN, agencyId: staff.agencyId, simulated: true, termination: "voicemail" });
    await db.call.update({ where: { id: earlier.id }, data: { hotline: HOTLINE } });
    const request = await db.callbackRequest.create({
      data: { agencyId: staff.agencyId, phone: CITIZEN, callId: earlier.id, dueAt: new Date() },
    });
    Object.assign(ids, { staff: staff.id, request: request.id });
  });
  browser = await launchBrowser();
  desk = await browser.newPage();
  await logIn(desk, server.base, "stp.nv1", DEMO_STAFF_PASSWORD);
  page = await browser.newPage();
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe("a callback placed from the console", () => {
  it("rings the staff member's desk first, then the citizen from the hotline's number; the attempt lands on the request", async () => {
    await desk.getByRole("menuitem", { name: "Bàn làm việc", exact: true }).click();
    await expect.poll(() => desk.getByTestId("softphone-state").textContent(), { timeout: 10_000 }).toBe("Sẵn sàng nhận cuộc gọi");

    await page.goto(`${server.base}/admin/#/callback-requests/${ids.request}/show`);
    await page.getByRole("button", { name: "Gọi lại qua tổng đài" }).click();

    // The desk rings first; the citizen is not called yet.
    const panel = desk.getByTestId("desk-callback");
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain("Đang đổ chuông máy cán bộ");
    expect(await panel.textContent()).toContain(CITIZEN);
    expect(await server.db.call.count({ where: { caller: CITIZEN, callbackAttempt: { isNot: null } } })).toBe(0);

    await panel.getByRole("button", { name: "Nhận cuộc gọi lại" }).click();
    // The citizen answers (the simulator's citizen picks up after about a second).
    await expect.poll(() => panel.textContent(), { timeout: 15_000 }).toContain("Đang nói chuyện");
    await panel.getByRole("button", { name: "Kết thúc cuộc gọi lại" }).click();
    await expect.poll(() => desk.getByTestId("desk-callback").count(), { timeout: 15_000 }).toBe(0);

    const attempt = await server.db.callbackAttempt.findFirstOrThrow({ where: { requestId: ids.request }, include: { call: true } });
    expect(attempt).toMatchObject({ placed: true, outcome: "reached", userId: ids.staff });
    expect(attempt.durationSeconds).toBeGreaterThanOrEqual(1);
    // The citizen saw the hotline's number; their leg is a call of the log with its recording and survey.
    expect(attempt.call).toMatchObject({ caller: CITIZEN, hotline: HOTLINE, staffId: ids.staff, termination: "answered" });
    const callId = attempt.callId ?? 0;
    await expect.poll(() => server.db.recording.count({ where: { callId } }), { timeout: 10_000 }).toBe(1);
    await expect.poll(() => server.db.surveyAnswer.count({ where: { callId } }), { timeout: 10_000 }).toBe(2);
    expect((await server.db.callbackRequest.findUniqueOrThrow({ where: { id: ids.request } })).status).toBe("called_back");

    // The request's page shows the attempt, placed through the hotline, with its outcome.
    await page.reload();
    await page.getByText("Đã gặp người gọi").first().waitFor();
  });
});
