// A staff member takes a call at their desk in Chromium, on the simulated softphone: the call rings in
// the console, the screen-pop shows the caller's number, topic and their earlier call's note before
// answering; they answer, the timer runs, they hang up; the caller reaches the survey and the call log
// shows the call answered by them; the desk lists the demo case assigned to them. The simulated call
// is started through the server's simulator API, which plays Twilio's part (signed webhooks, the
// Client URL on accept, the Dial's end on hang-up).
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser } from "../helpers/browser.js";
import { createCall } from "../helpers/calls.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { DEMO_STAFF_PASSWORD, seedDemo } from "../helpers/demo.js";
import { OPEN_ALL_WEEK, setProvinceHours } from "../helpers/hours.js";
import { everyAgentAvailable } from "../helpers/presence.js";

const CALLER = "+84912000444";
const EARLIER_NOTE = "Hỏi lệ phí chứng thực bản sao giấy khai sinh";

let server: ConsoleServer;
let browser: BrowserContext;
let page: Page;
const ids = { staff: 0, staffName: "", earlier: 0 };

beforeAll(async () => {
  server = await startConsoleServer(async (db, database) => {
    seedDemo(database.url);
    await setProvinceHours(db, OPEN_ALL_WEEK, false);
    await db.agency.updateMany({ data: { wrapUpSeconds: 0 } });
    await everyAgentAvailable(db);
    const staff = await db.user.findUniqueOrThrow({ where: { username: "stp.nv1" } });
    await db.user.update({ where: { id: staff.id }, data: { answerOn: "browser" } });
    // Only this staff member of the agency is rung.
    await db.user.updateMany({ where: { agencyId: staff.agencyId, id: { not: staff.id } }, data: { presence: "away" } });
    const earlier = await createCall(db, {
      caller: CALLER,
      agencyId: staff.agencyId,
      topic: "Chứng thực",
      startedAt: new Date(Date.now() - 5 * 86_400_000),
    });
    await db.callNote.create({
      data: { callId: earlier.id, authorId: staff.id, category: "khac", question: EARLIER_NOTE, state: "final" },
    });
    Object.assign(ids, { staff: staff.id, staffName: staff.name, earlier: earlier.id });
  });
  browser = await launchBrowser();
  page = await browser.newPage();
  await logIn(page, server.base, "stp.nv1", DEMO_STAFF_PASSWORD);
}, 180_000);
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** A supervisor starts a simulated call through the simulator API; it resolves when the call is over. */
type Simulated = { callId: number | null; outcome: { termination: string } | null };
async function startSimulatedCall(): Promise<{ status: number; body: Simulated }> {
  const origin = { origin: server.base, "content-type": "application/json" };
  const login = await fetch(`${server.base}/api/auth/login`, {
    method: "POST",
    headers: origin,
    body: JSON.stringify({ username: "stp.giamsat", password: DEMO_STAFF_PASSWORD }),
  });
  const cookie = (login.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const response = await fetch(`${server.base}/api/simulator/calls`, {
    method: "POST",
    headers: { ...origin, cookie },
    body: JSON.stringify({ digits: ["1", "1", "1", "1"], staff: "answer", from: CALLER }),
  });
  return { status: response.status, body: (await response.json()) as Simulated };
}

describe("the desk with the simulated softphone", () => {
  it("pops the caller's earlier call before answering, times the call, and hangs up into the survey", async () => {
    await page.getByRole("menuitem", { name: "Bàn làm việc", exact: true }).click();
    await expect.poll(() => page.getByTestId("softphone-state").textContent(), { timeout: 10_000 }).toBe("Sẵn sàng nhận cuộc gọi");

    const running = startSimulatedCall();
    // Ringing: the screen-pop is there before anyone answers.
    const answer = page.getByRole("button", { name: "Nhận", exact: true });
    await answer.waitFor();
    await expect.poll(() => page.getByTestId("pop-caller").textContent(), { timeout: 10_000 }).toBe(CALLER);
    expect(await page.getByTestId("pop-topic").textContent()).not.toBe("—");
    expect(await page.getByTestId("pop-history").textContent()).toContain(EARLIER_NOTE);
    expect(await page.getByRole("button", { name: "Từ chối", exact: true }).isVisible()).toBe(true);

    await answer.click();
    await expect.poll(() => page.getByTestId("softphone-state").textContent(), { timeout: 10_000 }).toBe("Đang trong cuộc gọi");
    const timer = page.getByTestId("call-timer");
    const first = await timer.textContent();
    expect(first).toMatch(/^\d{2}:\d{2}$/);
    await expect.poll(() => timer.textContent(), { timeout: 10_000 }).not.toBe(first);
    expect(await page.getByTestId("audio-lost").count()).toBe(0);
    // The note form is open during the call.
    await page.getByTestId("desk-note").waitFor();

    // A reload during the call: the server names the call, the simulated softphone takes it back.
    await page.reload();
    await expect.poll(() => page.getByTestId("softphone-state").textContent(), { timeout: 10_000 }).toBe("Đang trong cuộc gọi");
    await expect.poll(() => page.getByTestId("pop-caller").textContent(), { timeout: 10_000 }).toBe(CALLER);
    expect(await page.getByTestId("audio-lost").count()).toBe(0);

    await page.getByRole("button", { name: "Kết thúc", exact: true }).click();
    const result = await running;
    expect(result.status).toBe(200);
    expect(result.body.outcome?.termination).toBe("answered");
    const callId = result.body.callId ?? 0;
    await expect.poll(() => page.getByTestId("softphone-state").textContent(), { timeout: 10_000 }).toBe("Sẵn sàng nhận cuộc gọi");
    await expect.poll(() => page.getByTestId("call-timer").count(), { timeout: 10_000 }).toBe(0);

    const call = await server.db.call.findUniqueOrThrow({ where: { id: callId }, include: { surveyAnswers: true } });
    expect(call.staffId).toBe(ids.staff);
    expect(call.surveyAnswers.map((a) => a.question).sort()).toEqual(["resolved", "satisfaction"]);

    // The call log shows it answered by them, with the caller's survey.
    await page.goto(`${server.base}/admin/#/calls/${callId}/show`);
    await page.getByText(ids.staffName, { exact: true }).first().waitFor();
    await page.getByText("Rất hài lòng").first().waitFor();
    // My calls on the desk list it.
    await page.goto(`${server.base}/admin/#/desk`);
    await expect.poll(() => page.getByTestId("desk-my-calls").textContent(), { timeout: 10_000 }).toContain(CALLER);

    // My open cases: the demo seed's case assigned to them, opening its page; nothing raised to an agent.
    const mine = await server.db.case.findFirstOrThrow({ where: { assigneeId: ids.staff, state: "in_progress" } });
    await expect.poll(() => page.getByTestId("desk-my-cases").textContent(), { timeout: 10_000 }).toContain(mine.code);
    expect(await page.getByTestId("desk-escalated-cases").count()).toBe(0);
    await page.getByTestId("desk-my-case").filter({ hasText: mine.code }).click();
    await page.waitForURL(new RegExp(`#/cases/${mine.id}/show$`));
  });
});
