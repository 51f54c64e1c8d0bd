// Tracked links through the real campaign send path: a campaign whose text links to the national
// portal is sent through the sink provider by the dispatcher; every message carries the same short
// link on PUBLIC_BASE_URL; /l/<code> redirects to the portal, a citizen's tap counts once, a link
// preview and a HEAD request are counted apart, and the results API shows it beside the deliveries.
// Unknown and expired codes answer Vietnamese pages (404, 410), hostile input a 4xx, never a 500.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverOptions } from "../../../server/app.js";
import { applyMessageStatus } from "../../../server/messaging/messages.js";
import { createSinkSmsProvider, readSinkJournal } from "../../../server/messaging/vendors/sink.js";
import { launchCampaign } from "../../../server/outreach/campaigns/service.js";
import { savePolicy } from "../../../server/outreach/compliance/settings.js";
import { ensureLinks } from "../../../server/outreach/links/shortener.js";
import { createUser, login, startTestApp, type TestApp } from "../../helpers/app.js";
import {
  approvedCampaign,
  createList,
  createSender,
  fakeClock,
  inProcessDeps,
  READY_POLICY,
  runCampaign,
  seedCampaignPeople,
} from "../../helpers/campaigns.js";

const PORTAL = "https://dichvucong.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh-chi-tiet.html?ma_thu_tuc=1.001612&co_quan_thuc_hien=G22";
const PHONE_BROWSER = "Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";

let t: TestApp;
let dir: string;
let cookies: Awaited<ReturnType<typeof seedCampaignPeople>>["cookies"];
let campaignId: number;
let code: string;

beforeAll(async () => {
  // The console's view of per-recipient tracking is on (the results show each recipient's opens);
  // what the dispatcher sends is chosen per test through its deps.
  t = await startTestApp({ TRACKED_LINK_PER_RECIPIENT: "true" });
  dir = mkdtempSync(join(tmpdir(), "tthc-links-"));
  ({ cookies } = await seedCampaignPeople(t.db, t.app));
  const senderId = (await createSender(t.db)).id;
  const listId = await createList(t.db, "links", 8800, 3);
  campaignId = await approvedCampaign(t.app, cookies, {
    name: "links",
    senderId,
    listIds: [listId],
    body: `Moi {{ten}} nop ho so truc tuyen tai ${PORTAL} de tiet kiem thoi gian`,
  });
  // Sent now (the link's expiry counts from its first send), within the sending window.
  const clock = fakeClock(new Date());
  await savePolicy(t.db, { ...READY_POLICY, windowStart: "00:00", windowEnd: "24:00" });
  await launchCampaign(t.db, clock.now(), campaignId, null, null);
  const journal = join(dir, "sink.jsonl");
  const deps = {
    ...inProcessDeps(t.db, clock, createSinkSmsProvider({ journal })),
    publicBaseUrl: t.config.PUBLIC_BASE_URL,
    trackedLinkHosts: t.config.TRACKED_LINK_HOSTS,
  };
  expect(await runCampaign(deps, campaignId, { advance: clock.advance })).toBe("completed");
  expect(readSinkJournal(journal)).toHaveLength(3);
  const link = await t.db.trackedLink.findFirstOrThrow({ where: { campaignId } });
  code = link.code;
});
afterAll(async () => {
  await t?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const follow = (options: { method?: "GET" | "HEAD"; agent?: string; ip?: string; path?: string }) =>
  t.app.inject({
    method: options.method ?? "GET",
    url: options.path ?? `/l/${code}`,
    headers: options.agent === undefined ? {} : { "user-agent": options.agent },
    remoteAddress: options.ip ?? "203.0.113.10",
  });

const stats = async () => {
  const r = await t.app.inject({ method: "GET", url: `/api/campaigns/${campaignId}/links`, headers: { cookie: cookies.approver } });
  expect(r.statusCode).toBe(200);
  return r.json();
};

describe("a tracked link in a sent campaign", () => {
  it("is sent as one short link on the public address, the same for every recipient", async () => {
    const messages = await t.db.smsMessage.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
    expect(messages).toHaveLength(3);
    const short = `${t.config.PUBLIC_BASE_URL.replace(/\/$/, "")}/l/${code}`;
    for (const m of messages) {
      expect(m.body).toContain(`${short} de tiet kiem`);
      expect(m.body).not.toContain("dichvucong.gov.vn");
      expect(m.segments).toBe(1);
    }
    expect(await t.db.trackedLink.count({ where: { campaignId } })).toBe(1);
  });

  it("redirects to the portal and counts a citizen's tap once, previews and HEAD apart", async () => {
    const tap = await follow({ agent: PHONE_BROWSER });
    expect(tap.statusCode).toBe(302);
    expect(tap.headers.location).toBe(PORTAL);
    expect(tap.headers["cache-control"]).toBe("no-store");
    // The same phone again within the window: still redirected, counted as a repeat.
    expect((await follow({ agent: PHONE_BROWSER })).statusCode).toBe(302);
    // Zalo's preview robot and a HEAD probe: redirected too, not counted as clicks.
    expect((await follow({ agent: "Mozilla/5.0 (compatible; Zalo/1.0)", ip: "203.0.113.11" })).statusCode).toBe(302);
    expect((await follow({ agent: "facebookexternalhit/1.1", ip: "203.0.113.12" })).statusCode).toBe(302);
    expect((await follow({ method: "HEAD", agent: PHONE_BROWSER, ip: "203.0.113.13" })).statusCode).toBe(302);
    // Another citizen.
    expect((await follow({ agent: PHONE_BROWSER, ip: "198.51.100.7" })).statusCode).toBe(302);

    const requests = await t.db.linkRequest.findMany({ where: { campaignId } });
    expect(requests.map((r) => r.kind).sort()).toEqual(["bot", "bot", "click", "click", "head", "repeat"]);
  });

  it("shows the clicks beside the deliveries in the results API", async () => {
    const [first] = await t.db.smsMessage.findMany({ where: { campaignId }, orderBy: { id: "asc" } });
    await applyMessageStatus(t.db, {
      messageId: first?.id as number,
      providerMessageId: first?.providerMessageId as string,
      status: "delivered",
      at: new Date(),
    });
    const s = await stats();
    expect(s).toMatchObject({ totals: { clicks: 2, repeats: 1, bots: 2, heads: 1 }, delivered: 1, clickThrough: 2 });
    expect(s.links).toEqual([expect.objectContaining({ code, url: PORTAL, clicks: 2 })]);
    expect(s.unit).toBe("hour");
    const sum = (key: "clicks" | "delivered") => s.series.reduce((n: number, row: Record<string, number>) => n + (row[key] ?? 0), 0);
    expect(sum("clicks")).toBe(2);
    expect(sum("delivered")).toBe(1);
    // Readers of campaigns only.
    expect((await t.app.inject({ method: "GET", url: `/api/campaigns/${campaignId}/links` })).statusCode).toBe(401);
    expect(
      (await t.app.inject({ method: "GET", url: `/api/campaigns/${campaignId}/links`, headers: { cookie: cookies.viewer } })).statusCode,
    ).toBe(403);
  });

  it("counts the short link, not the long one, in the estimate and the sample message", async () => {
    const r = await t.app.inject({ method: "GET", url: `/api/campaigns/${campaignId}/estimate`, headers: { cookie: cookies.manager } });
    expect(r.statusCode).toBe(200);
    expect(r.json().segments).toBe(1);
    // The template preview, before any link exists: a stand-in of the short link's length.
    const preview = await t.app.inject({
      method: "POST",
      url: "/api/sms/preview",
      headers: { cookie: cookies.manager, "content-type": "application/json", origin: new URL(t.config.PUBLIC_BASE_URL).origin },
      payload: { body: `Moi {{ten}} nop ho so truc tuyen tai ${PORTAL} de tiet kiem thoi gian`, unaccented: true },
    });
    expect(preview.statusCode).toBe(200);
    expect(preview.json().composed.text).toContain(`/l/${"x".repeat(10)} de tiet kiem`);
    expect(preview.json().composed.segments).toBe(1);
    expect(preview.json().segments).toBe(2);
    // The message as a recipient reads it: the campaign's own short link, now that it exists.
    const sample = await t.app.inject({
      method: "GET",
      url: `/api/campaigns/${campaignId}/sample-message`,
      headers: { cookie: cookies.manager },
    });
    expect(sample.json().text).toContain(`/l/${code} de tiet kiem`);
    expect(sample.json().segments).toBe(1);
  });
});

describe("codes that do not lead anywhere", () => {
  it("answers an unknown code with a Vietnamese 404 page", async () => {
    const r = await follow({ path: "/l/AAAAAAAAAA", agent: PHONE_BROWSER });
    expect(r.statusCode).toBe(404);
    expect(r.headers["content-type"]).toMatch(/^text\/html/);
    expect(r.body).toContain("Không tìm thấy liên kết này");
  });

  it("answers an expired link with 410 and counts nothing", async () => {
    const expired = await t.db.trackedLink.create({
      data: { code: "Expired_-1", campaignId, url: `${PORTAL}&cu=1`, expiresAt: new Date(Date.now() - 1000) },
    });
    const r = await follow({ path: `/l/${expired.code}`, agent: PHONE_BROWSER });
    expect(r.statusCode).toBe(410);
    expect(r.body).toContain("đã hết hạn");
    expect(await t.db.linkRequest.count({ where: { linkId: expired.id } })).toBe(0);
  });

  it("keeps the code out of the request log (it may be a recipient's own)", () => {
    const logger = serverOptions(t.config).logger as { serializers: { req: (r: object) => { path: string } } };
    expect(logger.serializers.req({ method: "GET", url: `/l/${code}?utm=1`, id: "1" }).path).toBe("/l/:code");
    expect(logger.serializers.req({ method: "GET", url: "/api/campaigns/1/links", id: "2" }).path).toBe("/api/campaigns/1/links");
  });

  it("answers hostile input with a 4xx, never a 500", async () => {
    for (const path of [
      "/l/%00%00%00%00%00%00%00%00%00%00",
      `/l/${"A".repeat(5000)}`,
      "/l/..%2F..%2Fetc%2Fpasswd",
      "/l/%E0%A4%A",
      "/l/%27%20OR%201%3D1--",
      "/l/",
      `/l/${code}?u=${"x".repeat(3000)}`,
    ]) {
      const r = await follow({ path, agent: PHONE_BROWSER, ip: "192.0.2.99" });
      expect(r.statusCode, path).toBeGreaterThanOrEqual(300);
      expect(r.statusCode, path).toBeLessThan(500);
    }
  });
});

describe("per-recipient tracking, when TRACKED_LINK_PER_RECIPIENT allows it", () => {
  it("gives each recipient their own code with their message, and knows who opened it", async () => {
    const senderId = (await createSender(t.db, { brandname: "GiaLai DVC" })).id;
    const listId = await createList(t.db, "links per recipient", 8900, 3);
    const id = await approvedCampaign(t.app, cookies, {
      name: "links per recipient",
      senderId,
      listIds: [listId],
      body: `Moi {{ten}} nop ho so tai ${PORTAL}`,
    });
    const clock = fakeClock(new Date());
    await launchCampaign(t.db, clock.now(), id, null, null);
    const deps = {
      ...inProcessDeps(t.db, clock, createSinkSmsProvider({ journal: join(dir, "per-recipient.jsonl") })),
      publicBaseUrl: t.config.PUBLIC_BASE_URL,
      trackedLinkHosts: t.config.TRACKED_LINK_HOSTS,
      trackedLinkPerRecipient: true,
    };
    expect(await runCampaign(deps, id, { advance: clock.advance })).toBe("completed");

    const own = await t.db.recipientLink.findMany({ where: { link: { campaignId: id } }, orderBy: { recipientId: "asc" } });
    expect(own).toHaveLength(3);
    const messages = await t.db.smsMessage.findMany({ where: { campaignId: id }, select: { body: true, recipientId: true } });
    for (const m of messages) {
      const mine = own.find((o) => o.recipientId === m.recipientId);
      expect(m.body).toContain(`/l/${mine?.code}`);
    }
    const first = own[0];
    const r = await follow({ path: `/l/${first?.code}`, agent: PHONE_BROWSER, ip: "198.51.100.50" });
    expect(r.statusCode).toBe(302);
    expect(r.headers.location).toBe(PORTAL);
    const [request] = await t.db.linkRequest.findMany({ where: { campaignId: id } });
    expect(request).toMatchObject({ kind: "click", recipientId: first?.recipientId });
    const s = await t.app.inject({ method: "GET", url: `/api/campaigns/${id}/links`, headers: { cookie: cookies.manager } });
    expect(s.json()).toMatchObject({ recipientsClicked: 1, totals: { clicks: 1 } });
    const page = await t.app.inject({ method: "GET", url: `/api/campaigns/${id}/recipients`, headers: { cookie: cookies.manager } });
    const opens = Object.fromEntries(page.json().map((r: { id: number; linkClicks: number }) => [r.id, r.linkClicks]));
    expect(Object.values(opens).sort()).toEqual([0, 0, 1]);
    expect(opens[first?.recipientId as number]).toBe(1);
  });
});

describe("the retention of campaign links", () => {
  it("is read and changed by administrators, audited, and dates the links made afterwards", async () => {
    const agency = await t.db.agency.findFirstOrThrow();
    await createUser(t.db, { username: "qtv.lienket", roles: ["admin"], agencyId: agency.id });
    const admin = await login(t.app, "qtv.lienket");
    const url = "/api/settings/tracked-links";
    expect((await t.app.inject({ method: "GET", url, headers: { cookie: admin } })).json()).toEqual({ linkDays: 365 });
    const bad = await t.app.inject({ method: "PUT", url, headers: { cookie: admin }, payload: { linkDays: 1 } });
    expect(bad.statusCode).toBe(400);
    expect(Object.keys(bad.json().errors)).toEqual(["linkDays"]);
    expect((await t.app.inject({ method: "PUT", url, headers: { cookie: cookies.manager }, payload: { linkDays: 30 } })).statusCode).toBe(
      403,
    );
    const saved = await t.app.inject({ method: "PUT", url, headers: { cookie: admin }, payload: { linkDays: 30 } });
    expect(saved.json()).toEqual({ linkDays: 30 });
    const audit = await t.db.auditLog.findFirstOrThrow({ where: { resource: "settings", resourceId: "tracked-links" } });
    expect(audit).toMatchObject({ before: { linkDays: 365 }, after: { linkDays: 30 } });

    const now = new Date();
    const [made] = (await ensureLinks(t.db, campaignId, [`${PORTAL}&moi=1`], now)).values();
    const link = await t.db.trackedLink.findUniqueOrThrow({ where: { id: made?.id } });
    expect(link.expiresAt.getTime() - now.getTime()).toBe(30 * 86_400_000);
  });
});
