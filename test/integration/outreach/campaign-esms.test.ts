// The acceptance run of issue 14's batch path: a 10,000-recipient advertising campaign through the
// eSMS provider against the local stub, sent by real worker processes, one of which is killed with
// SIGKILL while the gateway holds its batch and before the answer is recorded. Batches stay within
// eSMS's limits (30–5,000), the stub's journal holds every sendable number exactly once, and batch
// callbacks in any order (repeated, a late "at the network" after the final report) move recipients.
// Also refused at launch (409, reason named): a balance short of the estimated cost, fewer than 30
// sendable numbers, a personalised text (a batch has one text).
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sealSecrets } from "../../../server/messaging/secrets.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import {
  approvedCampaign,
  createList,
  openSendingRoundTheClock,
  phoneOf,
  seedCampaignPeople,
  startCampaignWorker,
} from "../../helpers/campaigns.js";
import { type EsmsStub, STUB_API_KEY, STUB_SECRET_KEY, startEsmsStub } from "../../helpers/esms-stub.js";
import type { Proc } from "../../helpers/processes.js";

const KEY = randomBytes(32).toString("base64");
const BRAND = "TTHC GIALAI";
let t: TestApp;
let stub: EsmsStub;
const workers: Proc[] = [];

beforeAll(async () => {
  stub = await startEsmsStub();
  t = await startTestApp({ SMS_SECRETS_KEY: KEY, ESMS_BASE_URL: stub.url, PUBLIC_BASE_URL: "http://hotline.test" });
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await t?.close();
  await stub?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** eSMS's GET, into our app. */
const viaApp = async (url: string) => {
  const { pathname, search } = new URL(url);
  return (await t.app.inject({ method: "GET", url: `${pathname}${search}` })).statusCode;
};
const national = (e164: string) => `0${e164.slice(3)}`;

it("sends 10,000 in batches within eSMS's limits, each number once across a SIGKILL, and applies callbacks in any order", {
  timeout: 600_000,
}, async () => {
  const { cookies } = await seedCampaignPeople(t.db, t.app);
  const sender = await t.db.smsSender.create({
    data: {
      brandname: BRAND,
      provider: "esms",
      settings: { sandbox: "0" },
      secrets: sealSecrets(KEY, { apiKey: STUB_API_KEY, secretKey: STUB_SECRET_KEY }),
      messagesPerSecond: 0,
      pricePerSegment: 800,
    },
  });
  const list = await createList(t.db, "esms 10k", 0, 10_000);
  // 2% opted out: skipped at launch, never at the gateway.
  await t.db.$executeRawUnsafe(
    `INSERT INTO suppressions (phone, source, received_at) SELECT '+849' || lpad(i::text, 8, '0'), 'keyword', now() FROM generate_series(0, 199) i`,
  );
  await openSendingRoundTheClock(t.db);
  const body = "Nop ho so truc tuyen tai dichvucong.gialai.gov.vn";
  const id = await approvedCampaign(t.app, cookies, { name: "esms batches", senderId: sender.id, listIds: [list], body });
  const launch = () => t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.manager } });

  // What a batch gateway cannot send is refused at launch, with the reason.
  const few = await approvedCampaign(t.app, cookies, {
    name: "esms few",
    senderId: sender.id,
    listIds: [await createList(t.db, "esms 20", 20_000, 20)],
    body,
  });
  const tooFew = await t.app.inject({ method: "POST", url: `/api/campaigns/${few}/launch`, headers: { cookie: cookies.manager } });
  expect(tooFew.statusCode).toBe(409);
  expect(tooFew.json().message).toContain("needs at least 30 per batch");
  const personal = await approvedCampaign(t.app, cookies, { name: "esms personal", senderId: sender.id, listIds: [list] });
  const personalised = await t.app.inject({
    method: "POST",
    url: `/api/campaigns/${personal}/launch`,
    headers: { cookie: cookies.manager },
  });
  expect(personalised.statusCode).toBe(409);
  expect(personalised.json().message).toContain("{{variables}}");

  // 9,800 numbers × 1 segment × 800 đ = 7,840,000 đ: a smaller balance refuses the launch.
  stub.balance = 7_000_000;
  const poor = await launch();
  expect(poor.statusCode).toBe(409);
  expect(poor.json().message).toContain("exceeds the gateway's balance");
  stub.balance = 8_000_000;
  const launched = await launch();
  expect(launched.statusCode, launched.body).toBe(200);

  const env = { SMS_SECRETS_KEY: KEY, ESMS_BASE_URL: stub.url, PUBLIC_BASE_URL: "http://hotline.test", CAMPAIGN_BATCH_SIZE: "700" };
  const start = () => {
    const w = startCampaignWorker(t.config, "/dev/null", env);
    workers.push(w);
    return w;
  };
  // The third batch request reaches eSMS, which takes it; its worker dies before the answer arrives.
  let first = start();
  const requestIds = new Set<unknown>();
  stub.handle((request) => {
    if (!request.path.endsWith("/SendMultipleSMSBrandname_json/")) return undefined;
    requestIds.add(request.body.RequestId);
    if (requestIds.size === 3) first.child.kill("SIGKILL");
    return undefined;
  });
  const deadline = Date.now() + 400_000;
  while (first.child.exitCode === null && first.child.signalCode === null) {
    if (Date.now() > deadline) throw new Error(`no third batch; worker output:\n${first.output()}`);
    await sleep(50);
  }
  await first.exited();
  stub.handle(undefined);
  const killedWith = stub.batches.length;
  expect(killedWith).toBeGreaterThanOrEqual(3);

  first = start();
  for (;;) {
    if (Date.now() > deadline) throw new Error(`not completed (${stub.journal.length} sent); worker output:\n${first.output()}`);
    const c = await t.db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true, pausedReason: true } });
    if (c.status === "completed") break;
    if (c.status !== "running") throw new Error(`campaign ${c.status}: ${c.pausedReason}`);
    if (first.child.exitCode !== null) throw new Error(`worker exited: ${first.output()}`);
    await sleep(200);
  }
  first.child.kill("SIGTERM");
  await first.exited();

  // Within the gateway's limits, and every sendable number exactly once.
  for (const b of stub.batches) {
    expect(b.phones.length).toBeGreaterThanOrEqual(30);
    expect(b.phones.length).toBeLessThanOrEqual(5_000);
  }
  const perNumber = new Map<string, number>();
  for (const e of stub.journal) perNumber.set(e.phone, (perNumber.get(e.phone) ?? 0) + 1);
  expect([...perNumber.values()].filter((n) => n > 1)).toEqual([]);
  expect(perNumber.size).toBe(9_800);
  expect(perNumber.has(national(phoneOf(100)))).toBe(false);
  expect(stub.journal.every((e) => e.smsType === "1" && e.content.includes(body))).toBe(true);
  // The killed worker's batch was settled by asking again under its request id (124), not resent.
  const repeats = stub.requests.filter((r) => r.path.endsWith("/SendMultipleSMSBrandname_json/"));
  expect(new Set(repeats.map((r) => r.body.RequestId)).size).toBeLessThan(repeats.length);

  const counts = async () =>
    Object.fromEntries(
      (
        await t.db.$queryRaw<{ status: string; n: number }[]>`
        SELECT status::text, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${id} GROUP BY 1`
      ).map((r) => [r.status, r.n]),
    );
  expect(await counts()).toEqual({ sent: 9_800, skipped: 200 });

  // Callbacks in any order: the last batch first, each twice, a late "7" after the final "5".
  const failedNumber = national(phoneOf(500));
  for (const b of [...stub.batches].reverse()) {
    const results = Object.fromEntries(b.phones.map((p) => [p, p !== failedNumber]));
    expect(await stub.deliverBatch(b.smsId, { sendStatus: 5, results }, { get: viaApp })).toBe(204);
    expect(await stub.deliverBatch(b.smsId, { sendStatus: 7 }, { get: viaApp })).toBe(204);
  }
  const after = await counts();
  expect(after.skipped).toBe(200);
  expect((after.delivered ?? 0) + (after.undelivered ?? 0) + (after.failed ?? 0)).toBe(9_800);
  const [one] = await t.db.$queryRaw<{ status: string }[]>`
    SELECT m.status FROM sms_messages m WHERE m.campaign_id = ${id} AND m.recipient = ${phoneOf(500)} AND m.status <> 'failed'`;
  expect(one?.status).toBe("undelivered");
  const [accepted] = await t.db.$queryRaw<{ n: number }[]>`
    SELECT count(*)::int AS n FROM sms_messages WHERE campaign_id = ${id} AND status IN ('delivered', 'undelivered')`;
  expect(accepted?.n).toBe(9_800);
});
