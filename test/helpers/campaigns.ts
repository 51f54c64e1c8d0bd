// Fixtures of the campaign tests: people with campaign roles, a sink sender, contacts and lists made
// in SQL (thousands in one statement), an in-process runner that drives the dispatcher with a fake
// clock — hours of sending window pass without sleeping — and a real worker process.
import type { FastifyInstance } from "fastify";
import type { Config } from "../../server/config.js";
import type { OutgoingSms, SmsProvider } from "../../server/messaging/provider.js";
import {
  type BatchQueue,
  type CampaignDeps,
  type CampaignSettings,
  DEFAULT_SETTINGS,
  dispatchStep,
  processBatch,
} from "../../server/outreach/campaigns/dispatch.js";
import { loadGate } from "../../server/outreach/campaigns/ports.js";
import { noRateLimit } from "../../server/outreach/campaigns/rate-limit.js";
import { DEFAULT_POLICY } from "../../server/outreach/compliance/policy.js";
import { savePolicy } from "../../server/outreach/compliance/settings.js";
import type { Db } from "../../server/platform/db/client.js";
import { createUser, loginAll } from "./app.js";
import { type Proc, startEntry } from "./processes.js";

/**
 * The lawful defaults with the opt-out number an administrator sets before any campaign: the default's
 * placeholder ("8xxx") blocks submission and launch.
 */
export const READY_POLICY = { ...DEFAULT_POLICY, optOutText: "Tu choi QC soan TC gui 8079" };

/**
 * The campaign tests' own province and its campaign staff, logged in, under READY_POLICY. The author holds both roles:
 * only the two-person rule stops them approving their own campaign.
 */
export async function seedCampaignPeople(db: Db, app: FastifyInstance) {
  const agency = await db.agency.create({ data: { code: `GL${Date.now()}`, name: "UBND tỉnh Gia Lai", kind: "province" } });
  await savePolicy(db, READY_POLICY);
  const agencyId = agency.id;
  const people = {
    manager: await createUser(db, { username: "qc.soanthao", roles: ["campaign_manager", "campaign_approver"], agencyId }),
    approver: await createUser(db, { username: "qc.duyet", roles: ["campaign_approver"], agencyId }),
    viewer: await createUser(db, { username: "qc.xem", roles: ["viewer"], agencyId }),
  };
  return { people, cookies: await loginAll(app, people) };
}

/**
 * Campaign staff beside the people of another fixture (seedSmallProvince): a manager "qlcd" who
 * only manages campaigns and an approver "pdcd" who only approves them, logged in.
 */
export async function addCampaignStaff(db: Db, app: FastifyInstance, agencyId: number) {
  const users = {
    manager: await createUser(db, { username: "qlcd", name: "QLCD", roles: ["campaign_manager"], agencyId }),
    approver: await createUser(db, { username: "pdcd", name: "PDCD", roles: ["campaign_approver"], agencyId }),
  };
  return { users, cookies: await loginAll(app, users) };
}

/** A sink sender with no rate limit, 500 đ a segment, unless told otherwise. */
export async function createSender(
  db: Db,
  overrides: { provider?: string; messagesPerSecond?: number; brandname?: string; pricePerSegment?: number } = {},
) {
  return db.smsSender.create({
    data: {
      brandname: overrides.brandname ?? "UBND GiaLai",
      provider: overrides.provider ?? "sink",
      messagesPerSecond: overrides.messagesPerSecond ?? 0,
      pricePerSegment: overrides.pricePerSegment ?? 500,
    },
  });
}

/** `count` contacts +849<start…> with consent, in a new list; returns the list id. */
export async function createList(db: Db, name: string, start: number, count: number, consent = "granted"): Promise<number> {
  const list = await db.contactList.create({ data: { name } });
  await db.$executeRawUnsafe(
    `INSERT INTO contacts (phone, name, consent_status, consent_source, consent_at, updated_at)
     SELECT '+849' || lpad(i::text, 8, '0'), 'Công dân ' || i, '${consent}'::"ConsentStatus", 'test', now(), now()
     FROM generate_series(${start}, ${start + count - 1}) i ON CONFLICT (phone) DO NOTHING`,
  );
  await db.$executeRawUnsafe(
    `INSERT INTO contact_list_members (list_id, contact_id)
     SELECT ${list.id}, c.id FROM contacts c WHERE c.phone BETWEEN '+849' || lpad('${start}', 8, '0') AND '+849' || lpad('${start + count - 1}', 8, '0')
     ON CONFLICT DO NOTHING`,
  );
  return list.id;
}

export const phoneOf = (i: number) => `+849${String(i).padStart(8, "0")}`;

/** Draft → approved by someone else, through the real API. Returns the campaign id. */
export async function approvedCampaign(
  app: FastifyInstance,
  cookies: { manager: string; approver: string },
  body: {
    name: string;
    senderId: number;
    listIds: number[];
    body?: string;
    scheduledAt?: string;
    /** A Zalo ZNS campaign: channel, znsTemplateId, znsParams as the console sends them. */
    zns?: { channel: string; znsTemplateId: number; znsParams?: Record<string, string> };
  },
): Promise<number> {
  const created = await app.inject({
    method: "POST",
    url: "/api/campaigns",
    headers: { cookie: cookies.manager },
    payload: {
      name: body.name,
      body: body.body ?? "Moi {{ten}} dung dich vu cong truc tuyen tai dichvucong.gov.vn",
      unaccented: true,
      senderId: body.senderId,
      audience: { listIds: body.listIds, segmentIds: [] },
      scheduledAt: body.scheduledAt ?? null,
      ...body.zns,
    },
  });
  if (created.statusCode !== 200) throw new Error(`create: ${created.statusCode} ${created.body}`);
  const id = created.json().id as number;
  for (const [action, cookie] of [
    ["submit", cookies.manager],
    ["approve", cookies.approver],
  ] as const) {
    const r = await app.inject({ method: "POST", url: `/api/campaigns/${id}/${action}`, headers: { cookie } });
    if (r.statusCode !== 200) throw new Error(`${action}: ${r.statusCode} ${r.body}`);
  }
  return id;
}

export interface FakeClock {
  now(): Date;
  set(at: Date): void;
  advance(ms: number): void;
}

export function fakeClock(start: Date): FakeClock {
  let t = start.getTime();
  return { now: () => new Date(t), set: (at) => (t = at.getTime()), advance: (ms) => (t += ms) };
}

/** A provider that records what it receives and may fail or advance the clock. */
export function scriptedProvider(script: (message: OutgoingSms, n: number) => void | Promise<void> = () => {}) {
  const sent: OutgoingSms[] = [];
  let n = 0;
  const prefix = `SCRIPT${Math.random().toString(36).slice(2, 10)}`;
  const provider: SmsProvider = {
    name: "sink",
    async send(message) {
      // Counted before the script runs: sends overlap, and each gets its own number and id.
      const k = ++n;
      await script(message, k);
      sent.push(message);
      return { providerMessageId: `${prefix}-${k}`, status: "sent" };
    },
    async lookup(key) {
      const found = sent.findIndex((m) => m.idempotencyKey === key);
      return found >= 0 ? { found: true, providerMessageId: `${prefix}-${key}` } : { found: false };
    },
  };
  return { provider, sent };
}

export function inProcessDeps(db: Db, clock: FakeClock, provider: SmsProvider, settings: Partial<CampaignSettings> = {}): CampaignDeps {
  return {
    db,
    clock: clock.now,
    providers: () => provider,
    loadGate,
    rateLimiter: noRateLimit,
    settings: { ...DEFAULT_SETTINGS, batchSize: 50, ...settings },
  };
}

/**
 * Drives the dispatcher in this process: batches run at once, and every wait advances the fake clock
 * instead of sleeping. `onWait` sees each wait (to check what happens meanwhile). Stops when the
 * campaign is done or not running, or after `maxSteps`.
 */
export async function runCampaign(
  deps: CampaignDeps,
  campaignId: number,
  options: { maxSteps?: number; onWait?: (ms: number) => void | Promise<void>; advance?: (ms: number) => void } = {},
): Promise<string> {
  const queue: BatchQueue = {
    enqueue: async (id, ids) => {
      await processBatch(deps, id, ids);
    },
    inFlight: async () => 0,
  };
  for (let i = 0; i < (options.maxSteps ?? 10_000); i++) {
    const step = await dispatchStep(deps, campaignId, queue);
    if (step.done) return step.reason;
    if (step.delayMs > 0) {
      await options.onWait?.(step.delayMs);
      options.advance?.(step.delayMs);
    }
  }
  return "max_steps";
}

/**
 * Real worker processes run on the real clock: the sending window is opened round the clock so a run
 * does not depend on the hour (the window itself is tested with a faked clock in campaign.test.ts).
 */
export const openSendingRoundTheClock = (db: Db) => savePolicy(db, { ...READY_POLICY, windowStart: "00:00", windowEnd: "24:00" });

/** A real worker process for the test app's database and Redis; the sink records what it sends in `journal`. */
export function startCampaignWorker(config: Config, journal: string, env: Record<string, string> = {}): Proc {
  return startEntry("server/worker.ts", {
    DATABASE_URL: config.DATABASE_URL,
    REDIS_URL: config.REDIS_URL,
    REDIS_PREFIX: config.REDIS_PREFIX,
    NODE_ENV: "test",
    LOG_LEVEL: "warn",
    SMS_SINK_JOURNAL: journal,
    SMS_SINK_RECEIPT_DELAY_MS: "50",
    CAMPAIGN_BATCH_SIZE: "25",
    CAMPAIGN_RECONCILE_AFTER_SECONDS: "2",
    ...env,
  });
}
