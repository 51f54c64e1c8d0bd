// An SMS campaign from start to finish in the console, in headless Chromium against the real server:
// a campaign manager builds it in the wizard (estimate and compliance check) and submits it, an
// approver approves it (two-person rule), the manager launches it, the progress bar runs to
// completion, and the results show counts, the chart and the CSV export. The campaign queues are
// worked in this process by the worker's own processors, sending through the sink provider (whose
// receipts are queue jobs, worked here too).
import { type Queue, Worker } from "bullmq";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queuedSinkReceipts, sinkReceiptProcessor } from "../../server/messaging/sink-receipts.js";
import { type CampaignDeps, DEFAULT_SETTINGS } from "../../server/outreach/campaigns/dispatch.js";
import { campaignSendProcessor, campaignsProcessor } from "../../server/outreach/campaigns/jobs.js";
import { loadGate } from "../../server/outreach/campaigns/ports.js";
import { noRateLimit } from "../../server/outreach/campaigns/rate-limit.js";
import { senderProviders } from "../../server/outreach/campaigns/senders.js";
import { DEFAULT_POLICY } from "../../server/outreach/compliance/policy.js";
import { loadPolicy, savePolicy } from "../../server/outreach/compliance/settings.js";
import type { Db } from "../../server/platform/db/client.js";
import {
  CAMPAIGN_SEND_QUEUE,
  CAMPAIGNS_QUEUE,
  campaignSendQueue,
  campaignsQueue,
  queueOptions,
  SINK_RECEIPTS_QUEUE,
  sinkReceiptsQueue,
} from "../../server/platform/jobs/queues.js";
import { createUser } from "../helpers/app.js";
import { launchBrowser } from "../helpers/browser.js";
import { createSender, openSendingRoundTheClock } from "../helpers/campaigns.js";
import { type ConsoleServer, logIn, startConsoleServer } from "../helpers/console.js";
import { seedDemo } from "../helpers/demo.js";
import { ROOT } from "../helpers/processes.js";

const PASSWORD = "chien-dich-thu-nghiem";
const MANAGER = "qlcd.thunghiem";
const APPROVER = "duyet.thunghiem";
const CAMPAIGN = "Hướng dẫn dịch vụ công trực tuyến tháng 12";
const PHONE_BROWSER = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

let server: ConsoleServer;
let db: Db;
let browser: BrowserContext;
let workers: Worker[] = [];
let queues: Queue[] = [];
let base: string;

/** The demo province plus what a campaign needs: a sink sender, a template, a list with consenting contacts. */
async function prepare(db: Db, database: { url: string }) {
  seedDemo(database.url);
  const agency = await db.agency.findUniqueOrThrow({ where: { code: "TTPVHCC" } });
  const agencyId = agency.id;
  await createUser(db, { username: MANAGER, name: "Trần Thị Quản Lý", roles: ["campaign_manager"], agencyId, password: PASSWORD });
  await createUser(db, { username: APPROVER, name: "Lê Văn Phê Duyệt", roles: ["campaign_approver"], agencyId, password: PASSWORD });
  await createSender(db, { pricePerSegment: 450, messagesPerSecond: 20 });
  await db.smsTemplate.create({
    data: { name: "Mời dùng DVCTT", body: "Nop ho so truc tuyen tai https://dichvucong.gov.vn, khong can den tru so.", unaccented: true },
  });
  const consent = { consentStatus: "granted" as const, consentSource: "Hội nghị phường", consentAt: new Date(), consentMethod: "form" };
  const granted = await Promise.all(
    [1, 2, 3, 4, 5].map((n) => db.contact.create({ data: { phone: `+8491234560${n}`, name: `Người dân ${n}`, ...consent } })),
  );
  const silent = await db.contact.create({ data: { phone: "+84912345609", name: "Chưa đồng ý" } });
  const youth = await db.contactList.create({ data: { name: "Đoàn viên phường Quy Nhơn" } });
  await db.contactListMember.createMany({ data: [...granted, silent].map((c) => ({ listId: youth.id, contactId: c.id })) });
  // The sending window is the lawful 07:00–22:00 by default; the test must not depend on the hour it runs.
  await openSendingRoundTheClock(db);
}

beforeAll(async () => {
  server = await startConsoleServer(prepare, { SMS_SINK_RECEIPT_DELAY_MS: 100 });
  ({ db, base } = server);
  const { config } = server;
  const receiptsQueue = sinkReceiptsQueue(config);
  const deps: CampaignDeps = {
    db,
    clock: () => new Date(),
    providers: senderProviders(config, { sinkReceipts: queuedSinkReceipts(receiptsQueue) }),
    loadGate,
    rateLimiter: noRateLimit,
    settings: { ...DEFAULT_SETTINGS, maxIdleMs: 500 },
    publicBaseUrl: config.PUBLIC_BASE_URL,
    trackedLinkHosts: config.TRACKED_LINK_HOSTS,
  };
  const sendQueue = campaignSendQueue(config);
  const dispatchQueue = campaignsQueue(config);
  queues = [sendQueue, dispatchQueue, receiptsQueue];
  workers = [
    new Worker(CAMPAIGNS_QUEUE, campaignsProcessor(deps, sendQueue, dispatchQueue), queueOptions(config)),
    new Worker(CAMPAIGN_SEND_QUEUE, campaignSendProcessor(deps), { ...queueOptions(config), concurrency: 2 }),
    new Worker(SINK_RECEIPTS_QUEUE, sinkReceiptProcessor(db), queueOptions(config)),
  ];
  browser = await launchBrowser();
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all(workers.map((worker) => worker.close()));
  await Promise.all(queues.map((queue) => queue.close()));
  await server?.close();
});

async function signInAs(page: Page, username: string) {
  await page.context().clearCookies();
  await logIn(page, base, username, PASSWORD);
  await page.getByText("Xin chào").first().waitFor();
}

async function confirmAction(page: Page, label: string) {
  await page.getByTestId("campaign-actions").getByRole("button", { name: label, exact: true }).click();
  await page.getByRole("dialog").getByTestId("campaign-action-confirm").click();
}

const campaignStatus = async () => (await db.campaign.findFirstOrThrow({ where: { name: CAMPAIGN } })).status;

describe("SMS campaign in the console", () => {
  it("goes create → submit → approve → launch → progress → results", async () => {
    const page = await browser.newPage();

    // 1. The campaign manager builds it in the wizard.
    await signInAs(page, MANAGER);
    await page.getByRole("menuitem", { name: "Chiến dịch SMS", exact: true }).click();
    await page.getByRole("link", { name: "Tạo mới" }).click();
    await page.getByRole("textbox", { name: "Tên chiến dịch" }).fill(CAMPAIGN);
    await page.getByRole("button", { name: "Tiếp theo" }).click();

    await page.getByRole("combobox", { name: "Mẫu tin nhắn" }).click();
    await page.getByRole("option", { name: "Mời dùng DVCTT" }).click();
    expect(await page.getByRole("textbox", { name: "Nội dung tin nhắn" }).inputValue()).toContain("dichvucong.gov.vn");
    const preview = page.getByTestId("sms-preview-text");
    await expect.poll(() => preview.textContent()).toMatch(/^\[QC\] Nop ho so truc tuyen/);
    expect(await page.getByTestId("sms-preview-encoding").textContent()).toContain("GSM");
    await page.getByRole("button", { name: "Tiếp theo" }).click();

    await page.getByRole("combobox", { name: "Tên định danh (brandname)" }).click();
    await page.getByRole("option", { name: /UBND GiaLai/ }).click();
    await page.getByRole("button", { name: "Tiếp theo" }).click();

    // The channel: SMS unless Zalo ZNS is chosen.
    expect(await page.getByLabel("SMS", { exact: true }).isChecked()).toBe(true);
    await page.getByRole("button", { name: "Tiếp theo" }).click();

    await page.getByRole("combobox", { name: "Danh sách liên hệ" }).click();
    await page.getByRole("option", { name: /Đoàn viên phường Quy Nhơn/ }).click();
    await page.keyboard.press("Escape");
    await page.getByRole("button", { name: "Tiếp theo" }).click();

    await page.getByLabel("Gửi ngay khi khởi chạy").check();
    await page.getByRole("button", { name: "Lưu và kiểm tra" }).click();

    // The review: audience after suppression and de-duplication, cost, compliance.
    const sendable = page.getByTestId("campaign-sendable");
    await sendable.waitFor();
    await expect.poll(() => sendable.textContent()).toBe("5");
    const estimate = (await page.getByTestId("campaign-estimate").textContent()) ?? "";
    expect(estimate).toContain("Chưa đồng ý nhận tin");
    expect(await page.getByTestId("campaign-cost").textContent()).toMatch(/2\.250\s*₫/);
    const compliance = page.getByTestId("campaign-compliance");
    expect(await compliance.locator('[data-ok="false"]').count()).toBe(0);
    expect(await compliance.locator('[data-ok="true"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: `${ROOT}/test-results/campaign-review.png`, fullPage: true }).catch(() => {});

    await page.getByRole("button", { name: "Gửi duyệt" }).click();
    await page.getByRole("dialog").getByTestId("campaign-action-confirm").click();
    await expect.poll(campaignStatus).toBe("pending_approval");
    const campaign = await db.campaign.findFirstOrThrow({ where: { name: CAMPAIGN } });
    await page.waitForURL(new RegExp(`#/campaigns/${campaign.id}/show`));
    // The author cannot approve it: the button is not offered to a manager.
    await page.getByTestId("campaign-status-banner").waitFor();
    expect(await page.getByTestId("campaign-actions").getByRole("button", { name: "Phê duyệt" }).count()).toBe(0);

    // 2. Another person approves it.
    await signInAs(page, APPROVER);
    await page.goto(`${base}/admin/#/campaigns/${campaign.id}/show`);
    await expect.poll(() => page.getByTestId("campaign-status-banner").textContent()).toContain("Chờ phê duyệt");
    await page.getByTestId("campaign-sendable").waitFor();
    await confirmAction(page, "Phê duyệt");
    await expect.poll(campaignStatus).toBe("scheduled");
    const approver = await db.user.findUniqueOrThrow({ where: { username: APPROVER } });
    expect((await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).approvedById).toBe(approver.id);

    // 3. The manager launches it and watches the progress.
    await signInAs(page, MANAGER);
    await page.goto(`${base}/admin/#/campaigns/${campaign.id}/show`);
    await expect.poll(() => page.getByTestId("campaign-status-banner").textContent()).toContain("Đã phê duyệt");
    // What was approved is on the page: the launch sends exactly that.
    const approval = page.getByTestId("campaign-approval");
    await expect.poll(() => approval.textContent()).toContain("Nội dung đã được phê duyệt");
    expect(await approval.textContent()).toContain("Số người nhận lúc phê duyệt: 6");
    expect(await page.getByTestId("campaign-approval-changed").count()).toBe(0);
    await confirmAction(page, "Khởi chạy");
    await page.getByTestId("campaign-progress-bar").waitFor();
    await expect.poll(() => page.getByTestId("campaign-status-banner").textContent(), { timeout: 60_000 }).toContain("Hoàn thành");

    // 4. Results: counts, chart, recipients, CSV.
    const counts = page.getByTestId("campaign-counts");
    await expect.poll(() => counts.locator('[data-status="delivered"]').textContent(), { timeout: 15_000 }).toBe("Đã nhận: 5");
    expect(await counts.locator('[data-status="skipped"]').textContent()).toBe("Bỏ qua: 1");
    expect(await page.getByTestId("campaign-progress-text").textContent()).toContain("Đã xử lý 6/6");
    const chart = page.getByTestId("campaign-results-chart");
    await expect.poll(() => chart.locator(".recharts-pie-sector").count()).toBe(2);
    expect(await chart.textContent()).toContain("Đã nhận");
    await page.getByTestId("campaign-skipped-chart").waitFor();
    const rows = page.getByRole("row").filter({ hasText: "+849123456" });
    await expect.poll(() => rows.count()).toBe(6);
    await page.getByRole("combobox", { name: "Trạng thái" }).click();
    await page.getByRole("option", { name: "Bỏ qua" }).click();
    await expect.poll(() => rows.count()).toBe(1);
    expect(await rows.textContent()).toContain("Chưa đồng ý nhận tin");
    const csv = page.getByRole("link", { name: "Tải kết quả (CSV)" });
    expect(await csv.getAttribute("href")).toBe(`/api/campaigns/${campaign.id}/results.csv`);
    const download = await page.request.get(`${base}/api/campaigns/${campaign.id}/results.csv`);
    expect(download.status()).toBe(200);
    expect(await download.text()).toContain("Đã nhận");

    // 5. The portal link went out as a tracked short link; a citizen taps it: one click beside the
    // five deliveries (the headless browser's own name would count as a robot, so a phone's is sent).
    const link = await db.trackedLink.findFirstOrThrow({ where: { campaignId: campaign.id } });
    const sent = await db.smsMessage.findFirstOrThrow({ where: { campaignId: campaign.id } });
    expect(sent.body).toContain(`/l/${link.code}, khong can`);
    const tap = await page.request.get(`${base}/l/${link.code}`, { maxRedirects: 0, headers: { "user-agent": PHONE_BROWSER } });
    expect(tap.status()).toBe(302);
    expect(tap.headers().location).toBe("https://dichvucong.gov.vn");
    await expect.poll(() => page.getByTestId("link-clicks").textContent(), { timeout: 10_000 }).toBe("1");
    expect(await page.getByTestId("link-delivered").textContent()).toBe("5");
    expect(await page.getByTestId("link-click-through").textContent()).toBe("20 %");
    // Deliveries and clicks of the hour they happened in, side by side.
    const clicksChart = page.getByTestId("campaign-clicks-chart");
    await expect.poll(() => clicksChart.locator(".recharts-bar-rectangle").count(), { timeout: 10_000 }).toBe(2);
    expect(await clicksChart.textContent()).toContain("Lượt bấm");
    await page.getByText("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15", { exact: false }).waitFor();
    await page.screenshot({ path: `${ROOT}/test-results/campaign-results.png`, fullPage: true }).catch(() => {});

    // The list shows it finished, with its progress and author.
    await page.getByRole("menuitem", { name: "Chiến dịch SMS", exact: true }).click();
    const listed = page.getByRole("row").filter({ hasText: CAMPAIGN });
    await expect.poll(() => listed.textContent()).toContain("Hoàn thành");
    expect(await listed.textContent()).toContain("6/6");
    expect(await listed.textContent()).toContain("Trần Thị Quản Lý");
    await page.close();
    // A whole campaign run through the browser; the machine is shared, so allow for a slow one.
  }, 60_000);

  it("shows why a campaign paused itself, resumes it, and cancels another", async () => {
    const manager = await db.user.findUniqueOrThrow({ where: { username: MANAGER } });
    const approver = await db.user.findUniqueOrThrow({ where: { username: APPROVER } });
    const sender = await db.smsSender.findFirstOrThrow();
    const list = await db.contactList.findFirstOrThrow();
    const common = {
      body: "Tra cuu ho so tai dichvucong.gov.vn",
      unaccented: true,
      senderId: sender.id,
      audience: { listIds: [list.id], segmentIds: [] },
      createdById: manager.id,
      approvedById: approver.id,
      approvedAt: new Date(),
    };
    const paused = await db.campaign.create({
      data: { ...common, name: "Chiến dịch tạm dừng", status: "paused", launchedAt: new Date(), pausedReason: "Tỷ lệ lỗi vượt 20%" },
    });
    const contacts = await db.contact.findMany({ where: { consentStatus: "granted" }, orderBy: { id: "asc" }, take: 2 });
    await db.campaignRecipient.createMany({ data: contacts.map((c) => ({ campaignId: paused.id, contactId: c.id, phone: c.phone })) });
    const approved = await db.campaign.create({ data: { ...common, name: "Chiến dịch sẽ hủy", status: "scheduled" } });

    const page = await browser.newPage();
    await signInAs(page, MANAGER);
    await page.goto(`${base}/admin/#/campaigns/${paused.id}/show`);
    const banner = page.getByTestId("campaign-status-banner");
    await expect.poll(() => banner.textContent()).toContain("Lý do: Tỷ lệ lỗi vượt 20%");
    expect(await page.getByTestId("campaign-progress-text").textContent()).toContain("Đã xử lý 0/2");
    await confirmAction(page, "Tiếp tục");
    await expect.poll(() => banner.textContent(), { timeout: 30_000 }).toContain("Hoàn thành");
    expect((await db.campaign.findUniqueOrThrow({ where: { id: paused.id } })).status).toBe("completed");

    await page.goto(`${base}/admin/#/campaigns/${approved.id}/show`);
    await expect.poll(() => banner.textContent()).toContain("Đã phê duyệt");
    await confirmAction(page, "Hủy chiến dịch");
    await expect.poll(async () => (await db.campaign.findUniqueOrThrow({ where: { id: approved.id } })).status).toBe("cancelled");
    await expect.poll(() => banner.textContent()).toContain("Đã hủy");
    expect(await page.getByTestId("campaign-actions").getByRole("button").count()).toBe(0);
    await page.close();
  });

  it("fails the opt-out number check while the policy keeps the placeholder, and offers no submission", async () => {
    const manager = await db.user.findUniqueOrThrow({ where: { username: MANAGER } });
    const sender = await db.smsSender.findFirstOrThrow();
    const list = await db.contactList.findFirstOrThrow();
    const draft = await db.campaign.create({
      data: {
        name: "Chiến dịch chờ số từ chối",
        body: "Tra cuu ho so tai dichvucong.gov.vn",
        unaccented: true,
        senderId: sender.id,
        audience: { listIds: [list.id], segmentIds: [] },
        createdById: manager.id,
      },
    });
    const ready = await loadPolicy(db);
    await savePolicy(db, { ...ready, optOutText: DEFAULT_POLICY.optOutText });
    const page = await browser.newPage();
    try {
      await signInAs(page, MANAGER);
      await page.goto(`${base}/admin/#/campaigns/${draft.id}/show`);
      const compliance = page.getByTestId("campaign-compliance");
      const failed = compliance.locator('[data-ok="false"]');
      await expect.poll(() => failed.count()).toBe(1);
      expect(await failed.textContent()).toContain("Hướng dẫn từ chối nêu số thật để nhắn từ chối");
      expect(await failed.textContent()).toContain("vẫn còn số giữ chỗ (như 8xxx). Quản trị viên cần nhập số thật");
      expect(await compliance.textContent()).toContain("Cần khắc phục các mục không đạt trước khi gửi duyệt.");
      expect(await page.getByTestId("campaign-actions").getByRole("button", { name: "Gửi duyệt" }).isDisabled()).toBe(true);
    } finally {
      await savePolicy(db, ready);
      await page.close();
    }
  });

  it("reviews a campaign as the results will name it, with single ticks and the message a recipient reads", async () => {
    const manager = await db.user.findUniqueOrThrow({ where: { username: MANAGER } });
    const sender = await db.smsSender.findFirstOrThrow();
    const refused = { consentStatus: "refused" as const, consentSource: "Phiếu", consentAt: new Date(), consentMethod: "form" };
    const contacts = await Promise.all([
      db.contact.create({ data: { phone: "+84912345701", name: "Người từ chối 1", ...refused } }),
      db.contact.create({ data: { phone: "+84912345702", name: "Người từ chối 2", ...refused } }),
      db.contact.create({
        data: { phone: "+84912345703", name: "Trần Văn Bảy", consentStatus: "granted", consentSource: "Phiếu", consentAt: new Date() },
      }),
    ]);
    const list = await db.contactList.create({ data: { name: "Danh sách có người từ chối" } });
    await db.contactListMember.createMany({ data: contacts.map((c) => ({ listId: list.id, contactId: c.id })) });
    const campaign = await db.campaign.create({
      data: {
        name: "Chiến dịch xem lại",
        body: "Chao {{ten}}, nop ho so tai dichvucong.gov.vn",
        unaccented: true,
        senderId: sender.id,
        audience: { listIds: [list.id], segmentIds: [] },
        createdById: manager.id,
        status: "pending_approval",
      },
    });

    const page = await browser.newPage();
    await signInAs(page, APPROVER);
    await page.goto(`${base}/admin/#/campaigns/${campaign.id}/show`);
    const estimate = page.getByTestId("campaign-estimate");
    await expect.poll(() => page.getByTestId("campaign-sendable").textContent()).toBe("1");
    // The two refusals are "Từ chối nhận tin", as the results will say, and nothing reads as negative.
    expect(await estimate.locator('[data-reason="refused"]').locator("td").allTextContents()).toEqual(["Từ chối nhận tin", "2"]);
    expect(await estimate.locator('[data-reason="suppressed"]').count()).toBe(0);
    expect(await estimate.textContent()).not.toContain("−");
    // One tick per line: the icon, not a second "✓" in the text.
    const compliance = page.getByTestId("campaign-compliance");
    await compliance.waitFor();
    expect(await compliance.textContent()).not.toMatch(/[✓✗]/);
    // The message as the one recipient who will get it reads it: label, name filled, opt-out line last.
    const sample = page.getByTestId("campaign-sample");
    await expect
      .poll(() => page.getByTestId("campaign-sample-text").textContent())
      .toBe("[QC] Chao Tran Van Bay, nop ho so tai dichvucong.gov.vn Tu choi QC soan TC gui 8079");
    expect(await sample.textContent()).toContain("ví dụ với Trần Văn Bảy (");
    expect(await sample.textContent()).toContain("Mã hóa: GSM-7");
    expect(await sample.textContent()).toContain("Số phần tin: 1");
    await page.close();
  });
});
