// The call log, a call's page with its timeline and audio player, and the satisfaction report, in
// headless Chromium against the real server and the built console. Twilio's media server is a local
// HTTP stub: the browser only ever talks to /api/recordings/:id/audio.
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../server/platform/db/client.js";
import { PASSWORD, seedSmallProvince } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { createCall, createRecording, type MediaStub, startMediaStub } from "../helpers/calls.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { ROOT } from "../helpers/processes.js";

const ACCOUNT_SID = `AC${"2".repeat(32)}`;
const AUDIO = Buffer.from("ID3 not really an mp3");

let server: ConsoleServer;
let db: Db;
let browser: BrowserContext;
let stub: MediaStub;
let base: string;
let callId: number;
let recordingId: number;

beforeAll(async () => {
  stub = await startMediaStub(AUDIO);
  server = await startConsoleServer(prepare, {
    TWILIO_ACCOUNT_SID: ACCOUNT_SID,
    TWILIO_AUTH_TOKEN: "token-trinh-duyet",
    TWILIO_API_BASE_URL: stub.url,
  });
  ({ db, base } = server);
  browser = await launchBrowser();
}, 120_000);

/** Calls of today: one answered with a recording and answers, two rated by others, one that never reached an agency. */
async function prepare(db: Db) {
  const { agencies, users } = await seedSmallProvince(db);
  const now = Date.now();
  const answered = await createCall(db, {
    agencyId: agencies.wardA.id,
    staffId: users.agent.id,
    startedAt: new Date(now - 60_000),
    satisfaction: 1,
    resolved: 1,
    events: [
      { kind: "incoming", data: { effects: [{ type: "node", flow: "hotline", node: "welcome", kind: "menu" }] } },
      {
        kind: "gather",
        data: {
          Digits: "1",
          effects: [
            { type: "key", flow: "hotline", node: "welcome", digits: "1" },
            { type: "routing", agencyCode: "P-QUYNHON", agencyId: agencies.wardA.id, decision: "dialing", staffIds: [users.agent.id] },
          ],
        },
      },
      { kind: "dial", data: { DialCallStatus: "completed", effects: [{ type: "termination", reason: "answered" }] } },
      { kind: "gather", data: { Digits: "1", effects: [{ type: "survey-answer", survey: "s", question: "satisfaction", value: 1 }] } },
    ],
  });
  callId = answered.id;
  const recording = await createRecording(db, callId, {
    durationSeconds: 95,
    channels: 2,
    mediaUrl: `${stub.url}/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/RE3`,
  });
  recordingId = recording.id;
  await createCall(db, { agencyId: agencies.department.id, startedAt: new Date(now - 120_000), satisfaction: 3 });
  await createCall(db, { agencyId: agencies.department.id, startedAt: new Date(now - 180_000), satisfaction: 2 });
  await createCall(db, { agencyId: null, startedAt: new Date(now - 240_000), termination: "hung_up_in_ivr", topic: null });
}

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await stub?.close();
});

describe("call log and satisfaction report in the console", () => {
  it("shows today's figures, the call list, a call's timeline with its player, notes, and the report with its chart", async () => {
    const page = await browser.newPage();
    await logIn(page, base, "admin", PASSWORD);
    await expect.poll(() => page.getByTestId("home-today-calls").textContent(), { timeout: 10_000 }).toBe("4");
    await expect.poll(() => page.getByTestId("home-month-satisfaction").textContent(), { timeout: 10_000 }).toBe("66,7%");

    await page.getByRole("menuitem", { name: "Cuộc gọi", exact: true }).click();
    const row = page.getByRole("row").filter({ hasText: "Phường Quy Nhơn" }).first();
    await row.waitFor();
    const text = (await row.textContent()) ?? "";
    expect(text).toContain("Đã trả lời");
    expect(text).toContain("01:35");
    expect(text).toContain("Rất hài lòng");
    expect(await page.getByText("Gác máy khi nghe hướng dẫn").count()).toBe(1);

    await row.click();
    const timeline = page.getByTestId("call-timeline");
    await timeline.waitFor();
    expect(await timeline.textContent()).toContain("Bấm phím 1");
    expect(await timeline.textContent()).toContain("Phường Quy Nhơn: đang đổ chuông cho cán bộ (quynhon.nv1)");
    expect(await timeline.textContent()).toContain("Khảo sát, Mức độ hài lòng: Rất hài lòng");

    const audio = page.locator("audio");
    expect(await audio.getAttribute("src")).toBe(`/api/recordings/${recordingId}/audio`);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith(`/api/recordings/${recordingId}/audio`)),
      // The bytes are not real MP3, so playback itself fails; the request is what matters.
      // (The test is compiled without DOM types, hence the narrow cast.)
      audio.evaluate((element) => (element as unknown as { play(): Promise<void> }).play().catch(() => undefined)),
    ]);
    expect([200, 206]).toContain(response.status());
    expect(stub.requests.some((r) => r.path.endsWith("/RE3.mp3") && r.authorization?.startsWith("Basic "))).toBe(true);
    expect(await page.content()).not.toContain(stub.url);
    await expect.poll(() => db.auditLog.count({ where: { action: "listen", resourceId: String(recordingId) } })).toBeGreaterThan(0);

    await page.getByRole("combobox", { name: "Danh mục" }).click();
    await page.getByRole("option", { name: "Hộ tịch" }).click();
    await page.getByRole("textbox", { name: "Câu hỏi của người dân" }).fill("Hướng dẫn đăng ký khai sinh trực tuyến");
    await page.getByRole("button", { name: "Hoàn tất ghi chú" }).click();
    // Wait for the save itself: the text is also in the form's own textarea while it is being typed.
    await expect.poll(() => db.callNote.count({ where: { callId, state: "final" } })).toBe(1);
    await expect.poll(() => page.getByRole("textbox", { name: "Câu hỏi của người dân" }).inputValue()).toBe("");
    await page.screenshot({ path: `${ROOT}/test-results/call-show.png`, fullPage: true }).catch(() => {});

    await page.getByRole("menuitem", { name: "Báo cáo hài lòng", exact: true }).click();
    const chart = page.getByTestId("satisfaction-chart");
    await chart.waitFor();
    await expect.poll(() => chart.locator(".recharts-bar-rectangle").count()).toBe(2);
    expect(await chart.textContent()).toContain("Mục tiêu 90%");
    const table = page.getByRole("table", { name: "Báo cáo mức độ hài lòng" });
    const department = table.getByRole("row").filter({ hasText: "Sở Tư pháp" });
    expect(await department.textContent()).toContain("Chưa đủ lượt đánh giá");
    expect(await table.getByRole("row").filter({ hasText: "Toàn tỉnh" }).textContent()).toContain("66,7%");
    const csv = page.getByRole("link", { name: "Tải CSV" });
    expect(await csv.getAttribute("href")).toMatch(/^\/api\/reports\/satisfaction\?.*format=csv/);
    await page.screenshot({ path: `${ROOT}/test-results/satisfaction-report.png`, fullPage: true }).catch(() => {});

    // A figure links to the calls it counts: Sở Tư pháp's dissatisfied answer.
    await department.getByRole("link", { name: "1" }).last().click();
    await page.waitForURL(/#\/calls\?/);
    await expect.poll(() => page.getByRole("row").filter({ hasText: "Phường Quy Nhơn" }).count()).toBe(0);
    const rows = page.getByRole("row").filter({ hasText: "Sở Tư pháp" });
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain("Không hài lòng");
    await page.close();
  });

  it("says a reversed period is wrong and shows no figures of the previous one", async () => {
    // The same browser as above: still logged in as the administrator.
    const page = await browser.newPage();
    await page.goto(`${base}/admin/`);
    await page.getByRole("menuitem", { name: "Báo cáo hài lòng", exact: true }).click();
    const table = page.getByRole("table", { name: "Báo cáo mức độ hài lòng" });
    await table.waitFor();
    const from = page.getByRole("textbox", { name: "Từ ngày", exact: true });
    await from.fill("");
    await from.pressSequentially("01012099");
    await page.getByText("Ngày kết thúc phải cùng ngày hoặc sau ngày bắt đầu").waitFor();
    await expect.poll(() => table.count()).toBe(0);
    expect(await page.getByTestId("satisfaction-chart").count()).toBe(0);
    await page.close();
  });
});
