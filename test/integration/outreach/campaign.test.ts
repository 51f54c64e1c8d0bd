// Campaign lifecycle and dispatch against real PostgreSQL and Redis, the dispatcher driven in this
// process with a fake clock (the crash test with real worker processes is campaign-crash.test.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyMessageStatus } from "../../../server/messaging/messages.js";
import { SmsSendError } from "../../../server/messaging/provider.js";
import { launchCampaign } from "../../../server/outreach/campaigns/service.js";
import { savePolicy } from "../../../server/outreach/compliance/settings.js";
import { listUrl, startTestApp, type TestApp } from "../../helpers/app.js";
import {
  approvedCampaign,
  createList,
  createSender,
  fakeClock,
  inProcessDeps,
  phoneOf,
  READY_POLICY,
  runCampaign,
  scriptedProvider,
  seedCampaignPeople,
} from "../../helpers/campaigns.js";

let t: TestApp;
let cookies: Awaited<ReturnType<typeof seedCampaignPeople>>["cookies"];
let senderId: number;

beforeAll(async () => {
  t = await startTestApp();
  ({ cookies } = await seedCampaignPeople(t.db, t.app));
  senderId = (await createSender(t.db)).id;
});
afterAll(async () => {
  await t?.close();
});

/** 10:00 in Vietnam on a weekday. */
const VN = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+07:00`);

const recipients = (campaignId: number) => t.db.campaignRecipient.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
const progress = async (id: number) =>
  (await t.app.inject({ method: "GET", url: `/api/campaigns/${id}/progress`, headers: { cookie: cookies.manager } })).json();

describe("lifecycle and the two-person rule", () => {
  it("goes draft → pending_approval → scheduled, refusing the author's own approval", async () => {
    const listId = await createList(t.db, "lifecycle", 1, 20);
    const created = await t.app.inject({
      method: "POST",
      url: "/api/campaigns",
      headers: { cookie: cookies.manager },
      payload: { name: "DVCTT tháng 3", body: "Moi dung DVCTT", senderId, audience: { listIds: [listId], segmentIds: [] } },
    });
    expect(created.statusCode).toBe(200);
    const id = created.json().id;
    expect(created.json()).toMatchObject({ status: "draft", createdByName: "qc.soanthao", counts: { total: 0 } });

    const approveDraft = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/approve`, headers: { cookie: cookies.approver } });
    expect(approveDraft.statusCode).toBe(409);
    expect(approveDraft.json().message).toMatch(/draft.*waiting for approval/);

    expect(
      (await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/submit`, headers: { cookie: cookies.manager } })).json().status,
    ).toBe("pending_approval");
    const own = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/approve`, headers: { cookie: cookies.manager } });
    expect(own.statusCode).toBe(403);
    expect(own.json().message).toMatch(/Two-person rule/);

    const approved = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/approve`, headers: { cookie: cookies.approver } });
    expect(approved.statusCode).toBe(200);
    expect(approved.json()).toMatchObject({ status: "scheduled", approvedByName: "qc.duyet" });
    expect(
      (await t.app.inject({ method: "PUT", url: `/api/campaigns/${id}`, headers: { cookie: cookies.manager }, payload: created.json() }))
        .statusCode,
    ).toBe(409);

    const audits = await t.db.auditLog.findMany({ where: { resource: "campaigns", resourceId: String(id) }, orderBy: { id: "asc" } });
    expect(audits.map((a) => a.action)).toEqual(["create", "submit", "approve"]);

    expect((await t.app.inject({ method: "GET", url: listUrl("campaigns"), headers: { cookie: cookies.viewer } })).statusCode).toBe(403);
    const list = await t.app.inject({
      method: "GET",
      url: listUrl("campaigns", { filter: { status: "scheduled" } }),
      headers: { cookie: cookies.manager },
    });
    expect(list.headers["content-range"]).toMatch(/^campaigns 0-\d+\/\d+$/);
  });

  it("estimates, then launches: one recipient per unique number, skips with their reasons, in SQL", async () => {
    const a = await createList(t.db, "launch A", 1000, 100);
    const b = await createList(t.db, "launch B", 1050, 100); // 50 numbers in both lists
    // Reasons to skip: opted out, DNC, refused, no consent recorded, a landline.
    await t.db.suppression.create({ data: { phone: phoneOf(1001), source: "keyword", receivedAt: new Date() } });
    await t.db.dncNumber.create({ data: { phone: phoneOf(1002) } });
    await t.db.contact.update({ where: { phone: phoneOf(1003) }, data: { consentStatus: "refused" } });
    await t.db.contact.update({ where: { phone: phoneOf(1004) }, data: { consentStatus: "unknown" } });
    const landline = await t.db.contact.create({ data: { phone: "+842563822478", consentStatus: "granted" } });
    await t.db.contactListMember.create({ data: { listId: a, contactId: landline.id } });

    const id = await approvedCampaign(t.app, cookies, { name: "launch", senderId, listIds: [a, b] });
    const estimate = await t.app.inject({ method: "GET", url: `/api/campaigns/${id}/estimate`, headers: { cookie: cookies.manager } });
    expect(estimate.statusCode).toBe(200);
    expect(estimate.json()).toMatchObject({
      audience: 201,
      duplicates: 50,
      // The review names the skipped exactly as the results will (a refusal is not "no consent yet").
      skippedByReason: { suppressed: 1, dnc: 1, refused: 1, no_consent: 1, not_mobile: 1 },
      sendable: 146,
      encoding: "GSM-7",
    });
    expect(estimate.json().compliance.map((c: { rule: string }) => c.rule)).toContain("window");

    const launched = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.approver } });
    expect(launched.statusCode).toBe(200);
    expect(launched.json()).toMatchObject({
      status: "running",
      counts: {
        total: 151,
        pending: 146,
        skipped: 5,
        skippedByReason: { suppressed: 1, dnc: 1, refused: 1, no_consent: 1, not_mobile: 1 },
      },
    });
    const again = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.approver } });
    expect(again.statusCode).toBe(409);
    await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/cancel`, headers: { cookie: cookies.manager } });
    expect((await progress(id)).counts).toMatchObject({ pending: 0, skipped: 151, skippedByReason: { cancelled: 146 } });
  });
});

describe("the sending window and the daily cap (fake clock)", () => {
  it("launched at 21:59 sends nothing from 22:00 to 07:00 and resumes by itself", async () => {
    const listId = await createList(t.db, "window", 2000, 50);
    const id = await approvedCampaign(t.app, cookies, { name: "window", senderId, listIds: [listId] });
    const clock = fakeClock(VN("2026-03-10", "21:59"));
    // Each send takes two (fake) seconds: thirty fit before 22:00.
    const { provider, sent } = scriptedProvider(() => clock.advance(2000));
    const deps = inProcessDeps(t.db, clock, provider);
    expect(await launchCampaign(t.db, clock.now(), id, null, null)).toMatchObject({ ok: true, recipients: 50 });
    let waitedAcrossNight = false;
    const result = await runCampaign(deps, id, {
      advance: clock.advance,
      onWait: () => {
        const t0 = clock.now();
        if (t0 >= VN("2026-03-10", "22:00") && t0 < VN("2026-03-11", "07:00")) waitedAcrossNight = true;
      },
    });
    expect(result).toBe("completed");
    expect(waitedAcrossNight).toBe(true);
    expect(sent).toHaveLength(50);
    const messages = await t.db.smsMessage.findMany({ where: { campaignId: id }, orderBy: { id: "asc" } });
    expect(messages).toHaveLength(50);
    const night = messages.filter((m) => m.createdAt >= VN("2026-03-10", "22:00") && m.createdAt < VN("2026-03-11", "07:00"));
    expect(night).toEqual([]);
    expect(messages.filter((m) => m.createdAt < VN("2026-03-10", "22:00"))).toHaveLength(30);
    expect(messages[30]?.createdAt.getTime()).toBe(VN("2026-03-11", "07:00").getTime());
    // Each message carries the label and the opt-out text, and cannot arrive after 22:00.
    expect(messages[0]?.body).toMatch(/^\[QC\] Moi Cong dan 2000 .* Tu choi QC/);
    expect(sent[0]?.validUntil?.getTime()).toBe(VN("2026-03-10", "22:00").getTime());
    expect((await t.db.campaign.findUniqueOrThrow({ where: { id } })).status).toBe("completed");
  });

  it("caps a number's advertising SMS per 24 hours across two campaigns", async () => {
    await savePolicy(t.db, { ...READY_POLICY, maxPerDay: 1 });
    try {
      const listId = await createList(t.db, "cap", 3000, 5);
      const first = await approvedCampaign(t.app, cookies, { name: "cap 1", senderId, listIds: [listId] });
      const second = await approvedCampaign(t.app, cookies, { name: "cap 2", senderId, listIds: [listId] });
      const clock = fakeClock(VN("2026-03-12", "10:00"));
      const { provider, sent } = scriptedProvider();
      const deps = inProcessDeps(t.db, clock, provider);
      await launchCampaign(t.db, clock.now(), first, null, null);
      expect(await runCampaign(deps, first, { advance: clock.advance })).toBe("completed");
      expect(sent).toHaveLength(5);

      clock.advance(3600_000);
      await launchCampaign(t.db, clock.now(), second, null, null);
      const result = await runCampaign(deps, second, {
        advance: clock.advance,
        onWait: () => {
          // Nothing goes to these numbers until the first campaign's messages are 24 hours old.
          if (clock.now() < VN("2026-03-13", "10:00")) expect(sent).toHaveLength(5);
        },
      });
      expect(result).toBe("completed");
      expect(sent).toHaveLength(10);
      const later = await t.db.smsMessage.findMany({ where: { campaignId: second } });
      for (const m of later) expect(m.createdAt.getTime()).toBeGreaterThanOrEqual(VN("2026-03-13", "10:00").getTime());
    } finally {
      await savePolicy(t.db, READY_POLICY);
    }
  });
});

describe("pause, resume, errors, receipts", () => {
  it("pauses within one message and resumes where it stopped, each number exactly once", async () => {
    const listId = await createList(t.db, "pause", 4000, 300);
    const id = await approvedCampaign(t.app, cookies, { name: "pause", senderId, listIds: [listId] });
    const clock = fakeClock(VN("2026-03-16", "09:00"));
    const { provider, sent } = scriptedProvider(async (_m, n) => {
      if (n === 100) {
        const r = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/pause`, headers: { cookie: cookies.approver } });
        expect(r.json().status).toBe("paused");
      }
    });
    const deps = inProcessDeps(t.db, clock, provider);
    await launchCampaign(t.db, clock.now(), id, null, null);
    expect(await runCampaign(deps, id, { advance: clock.advance })).toBe("paused");
    expect(sent).toHaveLength(100);
    const paused = await progress(id);
    expect(paused).toMatchObject({ status: "paused", counts: { sent: 100, pending: 200 } });
    expect(paused.pausedReason).toMatch(/qc.duyet/);

    expect(
      (await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/resume`, headers: { cookie: cookies.manager } })).json().status,
    ).toBe("running");
    expect(await runCampaign(deps, id, { advance: clock.advance })).toBe("completed");
    expect(new Set(sent.map((m) => m.to)).size).toBe(300);
    expect(sent).toHaveLength(300);
  });

  it("retries transient errors with backoff, fails permanent ones alone, and resends only failed recipients", async () => {
    const listId = await createList(t.db, "errors", 5000, 40);
    const id = await approvedCampaign(t.app, cookies, { name: "errors", senderId, listIds: [listId] });
    const clock = fakeClock(VN("2026-03-17", "09:00"));
    const seen = new Map<string, number>();
    const { provider, sent } = scriptedProvider((m) => {
      const tries = (seen.get(m.to) ?? 0) + 1;
      seen.set(m.to, tries);
      if (m.to === phoneOf(5001)) throw new SmsSendError("invalid To", false, "21211");
      if (m.to === phoneOf(5002)) throw new SmsSendError("unsubscribed", false, "21610", { kind: "unsubscribed" });
      if (m.to === phoneOf(5003) && tries < 3) throw new SmsSendError("Too many requests", true, "20429");
      if (m.to === phoneOf(5004)) throw new SmsSendError("Service unavailable", true, "503");
    });
    // Eleven failures in fifty sends would pause the campaign at the default 20%: not what this test is about.
    const deps = inProcessDeps(t.db, clock, provider, { maxAttempts: 3, retryBaseMs: 30_000, errorThreshold: 0.5 });
    await launchCampaign(t.db, clock.now(), id, null, null);
    expect(await runCampaign(deps, id, { advance: clock.advance })).toBe("completed");
    const rows = new Map((await recipients(id)).map((r) => [r.phone, r]));
    expect(rows.get(phoneOf(5001))).toMatchObject({ status: "failed", attempts: 1 });
    expect(rows.get(phoneOf(5002))).toMatchObject({ status: "failed", attempts: 1 });
    expect(await t.db.suppression.findUnique({ where: { phone: phoneOf(5002) } })).toMatchObject({ source: "provider", detail: "21610" });
    expect(rows.get(phoneOf(5003))).toMatchObject({ status: "sent", attempts: 3 });
    expect(rows.get(phoneOf(5004))).toMatchObject({ status: "failed", attempts: 3 });
    expect([...rows.values()].filter((r) => r.status === "sent")).toHaveLength(37);
    // Backoff: attempts of 5003 at t, t+30 s, t+90 s at least.
    const tries = await t.db.smsMessage.findMany({ where: { recipient: phoneOf(5003), campaignId: id }, orderBy: { id: "asc" } });
    const at = (i: number) => tries[i]?.createdAt.getTime() ?? Number.NaN;
    expect(at(1) - at(0)).toBeGreaterThanOrEqual(30_000);
    expect(at(2) - at(1)).toBeGreaterThanOrEqual(60_000);

    const before = sent.length;
    const resend = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/resend-failed`, headers: { cookie: cookies.manager } });
    expect(resend.json()).toMatchObject({ status: "running", counts: { pending: 3, failed: 0 } });
    expect(await runCampaign(deps, id, { advance: clock.advance })).toBe("completed");
    // 5002 replied STOP: suppressed and marked refused, so skipped right before sending, not sent.
    expect(sent.length).toBe(before);
    expect([seen.get(phoneOf(5001)), seen.get(phoneOf(5002)), seen.get(phoneOf(5003)), seen.get(phoneOf(5004))]).toEqual([2, 1, 3, 6]);
    expect(seen.get(phoneOf(5010))).toBe(1);
    expect((await t.db.campaignRecipient.findFirstOrThrow({ where: { campaignId: id, phone: phoneOf(5002) } })).skipReason).toBe("refused");

    const csv = await t.app.inject({ method: "GET", url: `/api/campaigns/${id}/results.csv`, headers: { cookie: cookies.manager } });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body.trim().split("\r\n")).toHaveLength(41);
    expect(await t.db.auditLog.count({ where: { resource: "campaigns", resourceId: String(id), action: "export" } })).toBe(1);
    const masked = await t.app.inject({
      method: "GET",
      url: listUrl(`campaigns/${id}/recipients`, { filter: { status: "failed" } }),
      headers: { cookie: cookies.approver },
    });
    expect(masked.json()[0].phone).toMatch(/x/);
  });

  it("pauses itself when the error rate passes the threshold, and says why", async () => {
    const listId = await createList(t.db, "autopause", 6000, 200);
    const id = await approvedCampaign(t.app, cookies, { name: "autopause", senderId, listIds: [listId] });
    const clock = fakeClock(VN("2026-03-18", "09:00"));
    const { provider } = scriptedProvider((_m, n) => {
      if (n % 2 === 0) throw new SmsSendError("carrier rejected", false, "30007");
    });
    const deps = inProcessDeps(t.db, clock, provider);
    await launchCampaign(t.db, clock.now(), id, null, null);
    expect(await runCampaign(deps, id, { advance: clock.advance })).toBe("paused");
    const p = await progress(id);
    expect(p.status).toBe("paused");
    expect(p.pausedReason).toMatch(/30007/);
    expect(p.counts.sent + p.counts.failed).toBeLessThan(40);
    expect(await t.db.auditLog.count({ where: { resource: "campaigns", resourceId: String(id), action: "auto_pause" } })).toBe(1);
  });

  it("applies receipts in any order without moving a recipient backwards", async () => {
    const listId = await createList(t.db, "receipts", 7000, 3);
    const id = await approvedCampaign(t.app, cookies, { name: "receipts", senderId, listIds: [listId] });
    const clock = fakeClock(VN("2026-03-19", "09:00"));
    const { provider } = scriptedProvider();
    await launchCampaign(t.db, clock.now(), id, null, null);
    await runCampaign(inProcessDeps(t.db, clock, provider), id, { advance: clock.advance });
    const [m1, m2, m3] = await t.db.smsMessage.findMany({ where: { campaignId: id }, orderBy: { id: "asc" } });
    const at = new Date();
    const receipt = (m: typeof m1, status: string) =>
      applyMessageStatus(t.db, {
        messageId: m?.id as number,
        providerMessageId: m?.providerMessageId as string,
        status,
        at,
        errorCode: status === "undelivered" ? "30003" : undefined,
      });
    await receipt(m1, "delivered");
    await receipt(m1, "sent");
    await receipt(m2, "undelivered");
    await receipt(m2, "delivered");
    await receipt(m3, "sent");
    const byMessage = async (m: typeof m1) => t.db.campaignRecipient.findUniqueOrThrow({ where: { id: m?.recipientId as number } });
    expect((await byMessage(m1)).status).toBe("delivered");
    expect(await byMessage(m2)).toMatchObject({ status: "failed", lastError: "undelivered: 30003" });
    expect((await byMessage(m3)).status).toBe("sent");
    expect((await progress(id)).counts).toMatchObject({ delivered: 1, failed: 1, sent: 1 });
  });
});
