// Exactly once with Twilio, whose Messages keep no client reference: after a send that got no answer
// (timeout) and after a crash between Twilio's acceptance and our record, the message is found by
// listing messages to the number since the attempt and matching the body — through the real SDK,
// against a local stand-in for Twilio's REST API — and never sent a second time.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { SmsProvider } from "../../../server/messaging/provider.js";
import { createTwilioSmsProvider } from "../../../server/messaging/vendors/twilio.js";
import type { CampaignDeps } from "../../../server/outreach/campaigns/dispatch.js";
import { processBatch } from "../../../server/outreach/campaigns/dispatch.js";
import { launchCampaign } from "../../../server/outreach/campaigns/service.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import {
  approvedCampaign,
  createList,
  createSender,
  type FakeClock,
  fakeClock,
  inProcessDeps,
  phoneOf,
  runCampaign,
  seedCampaignPeople,
} from "../../helpers/campaigns.js";
import { type StubRequest, startTwilioRestStub, type TwilioRestStub } from "../../helpers/twilio-rest-stub.js";

const SERVICE = `MG${"c3".repeat(16)}`;
/** The SDK's request timeout in these tests; the slow answers below take longer. */
const CLIENT_TIMEOUT_MS = 300;

let t: TestApp;
let stub: TwilioRestStub;
let clock: FakeClock;
let cookies: Awaited<ReturnType<typeof seedCampaignPeople>>["cookies"];
let senderId: number;

beforeAll(async () => {
  t = await startTestApp();
  clock = fakeClock(new Date("2026-03-17T09:00:00+07:00"));
  // Twilio's clock is the test's: its date_sent and our created_at agree as in production.
  stub = await startTwilioRestStub({ now: clock.now });
  ({ cookies } = await seedCampaignPeople(t.db, t.app));
  senderId = (await createSender(t.db, { provider: "twilio" })).id;
});
afterAll(async () => {
  await stub?.close();
  await t?.close();
});
beforeEach(() => {
  stub.handle(undefined);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const twilioProvider = () =>
  createTwilioSmsProvider({ client: stub.client({ timeout: CLIENT_TIMEOUT_MS }), messagingServiceSid: SERVICE, now: clock.now });
const deps = (provider: SmsProvider, settings: Partial<CampaignDeps["settings"]> = {}): CampaignDeps => ({
  ...inProcessDeps(t.db, clock, provider, settings),
  publicBaseUrl: t.config.PUBLIC_BASE_URL,
});
const isCreate = (r: StubRequest) => r.method === "POST" && r.path.endsWith("/Messages.json");
const isList = (r: StubRequest) => r.method === "GET" && r.path.endsWith("/Messages.json");
const creates = (to: string) => stub.requests.filter((r) => isCreate(r) && r.body.To === to).length;
const accepted = (to: string) => stub.messages.filter((m) => m.to === to);
const recipient = (campaignId: number, phone: string) =>
  t.db.campaignRecipient.findFirstOrThrow({ where: { campaignId, phone }, include: { messages: { orderBy: { id: "asc" } } } });

async function launched(name: string, start: number, count: number): Promise<number> {
  const listId = await createList(t.db, name, start, count);
  const id = await approvedCampaign(t.app, cookies, { name, senderId, listIds: [listId] });
  const result = await launchCampaign(t.db, clock.now(), id, null, null);
  if (!result.ok) throw new Error(`launch: ${JSON.stringify(result)}`);
  return id;
}

describe("Twilio: no second message after a send without an answer", () => {
  it("finds the message Twilio accepted before the client timed out, and sends only what Twilio never got", async () => {
    const id = await launched("twilio timeout", 20_000, 4);
    const slowButAccepted = phoneOf(20_000);
    const slowAndLost = phoneOf(20_001);
    const seen = new Map<string, number>();
    stub.handle(async (request) => {
      if (!isCreate(request)) return undefined;
      const to = request.body.To ?? "";
      const n = (seen.get(to) ?? 0) + 1;
      seen.set(to, n);
      if (to === slowButAccepted && n === 1) {
        // Twilio took it; its answer comes after the client gave up.
        const reply = stub.accept(request);
        await sleep(CLIENT_TIMEOUT_MS * 4);
        return reply;
      }
      if (to === slowAndLost && n === 1) {
        // Nothing was accepted (the request died inside Twilio's edge, say), and no answer in time.
        await sleep(CLIENT_TIMEOUT_MS * 4);
        return { status: 503, body: { code: 20503, message: "Service unavailable", status: 503 } };
      }
      return undefined;
    });

    const outcome = await runCampaign(deps(twilioProvider(), { retryBaseMs: 30_000 }), id, { advance: clock.advance });
    expect(outcome).toBe("completed");

    // The accepted one: one request, one message at Twilio, sent, recorded with Twilio's SID.
    expect(creates(slowButAccepted)).toBe(1);
    expect(accepted(slowButAccepted)).toHaveLength(1);
    const a = await recipient(id, slowButAccepted);
    expect(a).toMatchObject({ status: "sent", attempts: 1, lastError: null });
    expect(a.messages).toHaveLength(1);
    expect(a.messages[0]).toMatchObject({ status: "sent", errorCode: null, providerMessageId: accepted(slowButAccepted)[0]?.sid });
    // Asked through the SDK's real list request: To, DateSent> (the attempt's time minus a margin).
    const asked = stub.requests.filter((r) => isList(r) && r.query.To === slowButAccepted);
    expect(asked).toHaveLength(1);
    const after = new Date(asked[0]?.query["DateSent>"] ?? "");
    expect(after.getTime()).toBeLessThan(a.messages[0]?.createdAt.getTime() ?? 0);
    expect(after.getTime()).toBeGreaterThan((a.messages[0]?.createdAt.getTime() ?? 0) - 10 * 60_000);

    // The lost one: Twilio says it has nothing, so the retry sends — once.
    expect(creates(slowAndLost)).toBe(2);
    expect(accepted(slowAndLost)).toHaveLength(1);
    const b = await recipient(id, slowAndLost);
    expect(b).toMatchObject({ status: "sent", attempts: 2 });
    // (Twilio's first answer is "queued"; receipts would move it on.)
    expect(b.messages.map((m) => m.status)).toEqual(["failed", "queued"]);
    expect(b.messages[0]?.errorCode).toMatch(/^unanswered:/);
    expect(b.messages[1]?.providerMessageId).toBe(accepted(slowAndLost)[0]?.sid);

    // Everyone else once, and the campaign's numbers agree with Twilio's.
    for (let i = 20_000; i < 20_004; i++) expect(accepted(phoneOf(i))).toHaveLength(1);
    const rows = await t.db.smsMessage.count({ where: { campaignId: id, providerMessageId: { not: null } } });
    expect(rows).toBe(4);
  });
});

describe("Twilio: a worker dies between Twilio's acceptance and our record", () => {
  it("reconciles from what Twilio has: found → sent without a resend; never received → sent once", async () => {
    const id = await launched("twilio crash", 21_000, 5);
    const ids = new Map((await t.db.campaignRecipient.findMany({ where: { campaignId: id } })).map((r) => [r.phone, r.id]));
    const idOf = (i: number) => ids.get(phoneOf(i)) as number;
    const real = twilioProvider();
    const dies = new Promise<never>(() => {});
    // The dying worker: Twilio accepts 21002's message and the process stops before recording it;
    // for 21004 it stops after writing the attempt, before the request left.
    const dying: SmsProvider = {
      name: "twilio",
      async send(message) {
        if (message.to === phoneOf(21_004)) return dies;
        const result = await real.send(message);
        if (message.to === phoneOf(21_002)) return dies;
        return result;
      },
    };
    const crashDeps = deps(dying);
    void processBatch(crashDeps, id, [idOf(21_000), idOf(21_001), idOf(21_002), idOf(21_003)]);
    void processBatch(crashDeps, id, [idOf(21_004)]);
    for (let i = 0; ; i++) {
      const rows = await t.db.smsMessage.count({ where: { campaignId: id, recipient: phoneOf(21_004) } });
      if (accepted(phoneOf(21_002)).length === 1 && rows === 1) break;
      if (i > 500) throw new Error("the dying worker did not get that far");
      await sleep(10);
    }
    expect((await recipient(id, phoneOf(21_002))).status).toBe("sending");
    expect((await recipient(id, phoneOf(21_004))).status).toBe("sending");
    expect((await recipient(id, phoneOf(21_003))).status).toBe("pending");

    // A new worker, a minute later: the stale recipients are settled by asking Twilio.
    clock.advance(61_000);
    expect(await runCampaign(deps(twilioProvider(), { reconcileAfterMs: 60_000 }), id, { advance: clock.advance })).toBe("completed");

    for (let i = 21_000; i < 21_005; i++) {
      expect(accepted(phoneOf(i)), phoneOf(i)).toHaveLength(1);
      expect(creates(phoneOf(i)), phoneOf(i)).toBe(1);
    }
    const c = await recipient(id, phoneOf(21_002));
    expect(c.status).toBe("sent");
    expect(c.messages).toHaveLength(1);
    expect(c.messages[0]?.providerMessageId).toBe(accepted(phoneOf(21_002))[0]?.sid);
    expect(stub.requests.filter((r) => isList(r) && r.query.To === phoneOf(21_002))).toHaveLength(1);
    const e = await recipient(id, phoneOf(21_004));
    expect(e.status).toBe("sent");
    expect(e.messages.map((m) => [m.status, m.errorCode])).toEqual([
      ["failed", "not_sent_crash"],
      ["queued", null],
    ]);
    expect(await t.db.smsMessage.count({ where: { campaignId: id, providerMessageId: { not: null } } })).toBe(5);
  });
});
