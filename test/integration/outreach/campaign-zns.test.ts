// Issue 14 point 2's acceptance: a Zalo ZNS campaign with SMS fallback through the eSMS provider
// against the local stub, sent by a real worker process. The stub knows 41 numbers as "not on Zalo":
// it accepts their ZNS and then reports them failed with Zalo's -118 in the callback (as eSMS does:
// never a synchronous answer). Those recipients go back to pending on SMS and leave in the campaign's
// advertising batch; the others get their ZNS only; no number appears in both channels; numbers opted
// out (before launch, and after launch while pending) get neither.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, expect, it } from "vitest";
import { sealSecrets } from "../../../server/messaging/secrets.js";
import { addErasedNumber, erasedHash } from "../../../server/outreach/consent/erased/erased.js";
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
let t: TestApp;
let stub: EsmsStub;
let worker: Proc | undefined;

beforeAll(async () => {
  stub = await startEsmsStub();
  t = await startTestApp({ SMS_SECRETS_KEY: KEY, ESMS_BASE_URL: stub.url, PUBLIC_BASE_URL: "http://hotline.test" });
});
afterAll(async () => {
  if (worker && worker.child.exitCode === null) worker.child.kill("SIGKILL");
  await t?.close();
  await stub?.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const viaApp = async (url: string) => {
  const { pathname, search } = new URL(url);
  return (await t.app.inject({ method: "GET", url: `${pathname}${search}` })).statusCode;
};
const national = (e164: string) => `0${e164.slice(3)}`;
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => from + i);

it("sends ZNS to numbers on Zalo and the [QC] SMS to the others, never both, and nothing to opted-out numbers", {
  timeout: 180_000,
}, async () => {
  const { cookies } = await seedCampaignPeople(t.db, t.app);
  const sender = await t.db.smsSender.create({
    data: {
      brandname: "TTHC GIALAI",
      provider: "esms",
      settings: { sandbox: "0" },
      secrets: sealSecrets(KEY, { apiKey: STUB_API_KEY, secretKey: STUB_SECRET_KEY }),
      messagesPerSecond: 0,
      pricePerSegment: 800,
    },
  });
  const template = await t.db.znsTemplate.create({
    data: {
      name: "Nhắc hồ sơ",
      senderId: sender.id,
      oaId: "1397492183140006179",
      templateId: "2056446",
      params: [
        { name: "customer_name", sample: "Nguyễn Văn A", source: "ten" },
        { name: "portal", sample: "dichvucong.gialai.gov.vn", source: "const:dichvucong.gialai.gov.vn" },
      ],
      preview: "Xin chào <customer_name>, mời bạn nộp hồ sơ trực tuyến tại <portal>.",
      tag: "2",
    },
  });
  // 107 contacts: 30000–30040 not on Zalo (41), 30041–30101 on Zalo (61), 30102–30106 opted out before launch.
  const list = await createList(t.db, "zns", 30_000, 107);
  for (const i of range(30_000, 41)) stub.notOnZalo.add(national(phoneOf(i)));
  await t.db.$executeRawUnsafe(
    `INSERT INTO suppressions (phone, source, received_at) SELECT '+849' || lpad(i::text, 8, '0'), 'keyword', now() FROM generate_series(30102, 30106) i`,
  );
  await openSendingRoundTheClock(t.db);
  const body = "Nop ho so truc tuyen tai dichvucong.gialai.gov.vn";
  const id = await approvedCampaign(t.app, cookies, {
    name: "zns fallback",
    senderId: sender.id,
    listIds: [list],
    body,
    zns: { channel: "zns_sms_fallback", znsTemplateId: template.id },
  });
  const launched = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.manager } });
  expect(launched.statusCode, launched.body).toBe(200);
  // After launch, while pending: one not on Zalo opts out, one on Zalo has their data erased at their
  // request (Law 91, kept only as a one-way hash). The worker must skip both, on either channel.
  await t.db.suppression.create({ data: { phone: phoneOf(30_000), source: "keyword", receivedAt: new Date() } });
  await addErasedNumber(t.db, erasedHash(phoneOf(30_101)), "erasure");

  worker = startCampaignWorker(t.config, "/dev/null", {
    SMS_SECRETS_KEY: KEY,
    ESMS_BASE_URL: stub.url,
    PUBLIC_BASE_URL: "http://hotline.test",
    CAMPAIGN_BATCH_SIZE: "200",
    CAMPAIGN_RETRY_BASE_SECONDS: "1",
  });
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (Date.now() > deadline)
      throw new Error(`not completed (${stub.zns.length} ZNS, ${stub.journal.length} SMS); worker:\n${worker.output()}`);
    // eSMS calls back once Zalo has answered: here, as soon as the stub holds the ZNS.
    await stub.reportZns({ get: viaApp });
    const c = await t.db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true, pausedReason: true } });
    if (c.status === "completed") break;
    if (c.status !== "running") throw new Error(`campaign ${c.status}: ${c.pausedReason}`);
    if (worker.child.exitCode !== null) throw new Error(`worker exited: ${worker.output()}`);
    await sleep(200);
  }
  worker.child.kill("SIGTERM");
  await worker.exited();

  const znsNumbers = new Set(stub.zns.map((z) => z.phone));
  const smsNumbers = new Set(stub.journal.map((e) => e.phone));
  const onZalo = range(30_041, 60).map((i) => national(phoneOf(i)));
  const notOnZalo = range(30_001, 40).map((i) => national(phoneOf(i)));
  // Each ZNS once (per RequestId), filled from the contact and the template's constant.
  expect(stub.zns.length).toBe(100);
  expect(new Set(stub.zns.map((z) => z.requestId)).size).toBe(100);
  expect(stub.zns.find((z) => z.phone === onZalo[0])?.params).toEqual({
    customer_name: "Công dân 30041",
    portal: "dichvucong.gialai.gov.vn",
  });
  expect(stub.zns.every((z) => z.oaId === "1397492183140006179" && z.templateId === "2056446")).toBe(true);
  // The SMS: only the 40 not on Zalo, once each, as [QC] advertising in batches of at least 30.
  expect([...smsNumbers].sort()).toEqual([...notOnZalo].sort());
  expect(stub.journal.length).toBe(40);
  expect(stub.journal.every((e) => e.smsType === "1" && e.content.includes(body) && e.content.startsWith("[QC]"))).toBe(true);
  for (const b of stub.batches) expect(b.phones.length).toBeGreaterThanOrEqual(30);
  // Delivered ZNS: the 60 on Zalo, none of whom got an SMS; nobody got neither who could get one.
  const delivered = stub.zns.filter((z) => !stub.notOnZalo.has(z.phone)).map((z) => z.phone);
  expect(delivered.sort()).toEqual([...onZalo].sort());
  expect(delivered.filter((p) => smsNumbers.has(p))).toEqual([]);
  // Opted out or erased, before or after launch: neither channel.
  for (const i of [30_000, 30_101, ...range(30_102, 5)]) {
    expect(znsNumbers.has(national(phoneOf(i)))).toBe(false);
    expect(smsNumbers.has(national(phoneOf(i)))).toBe(false);
  }

  // What the results show: per recipient, the channel that delivered (or was tried).
  const rows = await t.db.$queryRaw<{ channel: string | null; status: string; n: number }[]>`
    SELECT channel, status::text, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${id} GROUP BY 1, 2 ORDER BY 1, 2`;
  expect(rows).toEqual([
    { channel: "sms", status: "sent", n: 40 },
    { channel: "zns", status: "delivered", n: 60 },
    { channel: null, status: "skipped", n: 7 },
  ]);
  const messages = await t.db.$queryRaw<{ channel: string; status: string; error_code: string | null; n: number }[]>`
    SELECT channel, status, error_code, count(*)::int AS n FROM sms_messages WHERE campaign_id = ${id} GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`;
  expect(messages).toEqual([
    { channel: "sms", status: "sent", error_code: null, n: 40 },
    { channel: "zns", status: "delivered", error_code: null, n: 60 },
    { channel: "zns", status: "undelivered", error_code: "zalo:-118", n: 40 },
  ]);
  const [sample] = await t.db.$queryRaw<{ body: string }[]>`
    SELECT body FROM sms_messages WHERE campaign_id = ${id} AND channel = 'zns' AND recipient = ${phoneOf(30_041)}`;
  expect(sample?.body).toBe("Xin chào Công dân 30041, mời bạn nộp hồ sơ trực tuyến tại dichvucong.gialai.gov.vn.");
});
