// The acceptance run: a 10,000-number campaign with 3% invalid numbers, 2% opted out and duplicates
// across its two lists, sent to the sink by real worker processes, two of which are killed with
// SIGKILL mid-campaign. It must complete with every valid, consenting number sent exactly once
// (the sink's own journal says so) and every other number skipped with its reason.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { readSinkJournal } from "../../../server/messaging/vendors/sink.js";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import {
  approvedCampaign,
  createList,
  createSender,
  openSendingRoundTheClock,
  phoneOf,
  seedCampaignPeople,
  startCampaignWorker,
} from "../../helpers/campaigns.js";
import type { Proc } from "../../helpers/processes.js";

let t: TestApp;
let dir: string;
const workers: Proc[] = [];

beforeAll(async () => {
  t = await startTestApp();
  dir = mkdtempSync(join(tmpdir(), "tthc-sink-"));
});
afterAll(async () => {
  for (const w of workers) if (w.child.exitCode === null) w.child.kill("SIGKILL");
  await t?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

it("survives two SIGKILLs: every sendable recipient exactly once, every other skipped with its reason", { timeout: 600_000 }, async () => {
  const { cookies } = await seedCampaignPeople(t.db, t.app);
  const sender = await createSender(t.db); // sink, rate limit off
  // 10,000 numbers in two overlapping lists (1,000 duplicates): 0…5999 and 5000…9999.
  const a = await createList(t.db, "crash A", 0, 6000);
  const b = await createList(t.db, "crash B", 5000, 5000);
  // 3% invalid (too short for a Vietnamese mobile: imported as written), 2% opted out.
  await t.db.$executeRawUnsafe(
    `UPDATE contacts SET phone = '+8490' || right(phone, 6) WHERE phone BETWEEN '${phoneOf(0)}' AND '${phoneOf(299)}'`,
  );
  await t.db.$executeRawUnsafe(
    `INSERT INTO suppressions (phone, source, received_at) SELECT '+849' || lpad(i::text, 8, '0'), 'keyword', now() FROM generate_series(300, 499) i`,
  );
  await openSendingRoundTheClock(t.db);
  const id = await approvedCampaign(t.app, cookies, { name: "crash", senderId: sender.id, listIds: [a, b] });

  const journal = join(dir, "sink.jsonl");
  const start = () => {
    const w = startCampaignWorker(t.config, journal, { CAMPAIGN_BATCH_SIZE: "100" });
    workers.push(w);
    return w;
  };
  const launched = await t.app.inject({ method: "POST", url: `/api/campaigns/${id}/launch`, headers: { cookie: cookies.manager } });
  expect(launched.json().counts).toMatchObject({
    total: 10_000,
    pending: 9_500,
    skippedByReason: { invalid_number: 300, suppressed: 200 },
  });

  const sentSoFar = () => readSinkJournal(journal).length;
  // A stall is 60 s without a single new message: a slow machine (or a busy test run) is not a stall.
  let lastCount = -1;
  let lastProgress = Date.now();
  const stalled = () => {
    const count = sentSoFar();
    if (count !== lastCount) {
      lastCount = count;
      lastProgress = Date.now();
    }
    return Date.now() - lastProgress > 60_000;
  };
  for (const killAt of [2500, 6000]) {
    const w = start();
    lastProgress = Date.now();
    while (sentSoFar() < killAt) {
      if (w.child.exitCode !== null) throw new Error(`worker exited: ${w.output()}`);
      if (stalled()) throw new Error(`no progress (${sentSoFar()} sent); worker output:\n${w.output()}`);
      await sleep(20);
    }
    w.child.kill("SIGKILL");
    await w.exited();
  }
  const last = start();
  lastProgress = Date.now();
  for (;;) {
    if (stalled()) throw new Error(`not completed (${sentSoFar()} sent); worker output:\n${last.output()}`);
    const c = await t.db.campaign.findUniqueOrThrow({ where: { id }, select: { status: true } });
    if (c.status === "completed") break;
    if (c.status !== "running") throw new Error(`campaign ${c.status}`);
    if (last.child.exitCode !== null) throw new Error(`worker exited: ${last.output()}`);
    await sleep(200);
  }
  last.child.kill("SIGTERM");
  await last.exited();

  const journalEntries = readSinkJournal(journal);
  const perNumber = new Map<string, number>();
  for (const e of journalEntries) perNumber.set(e.to, (perNumber.get(e.to) ?? 0) + 1);
  expect([...perNumber.values()].filter((n) => n > 1)).toEqual([]);
  expect(perNumber.size).toBe(9_500);
  for (let i = 500; i < 10_000; i += 997) expect(perNumber.get(phoneOf(i))).toBe(1);

  const rows = await t.db.$queryRaw<{ status: string; skip_reason: string | null; n: number }[]>`
    SELECT status::text, skip_reason, count(*)::int AS n FROM campaign_recipients WHERE campaign_id = ${id} GROUP BY 1, 2 ORDER BY 1, 2`;
  const sent = rows.filter((r) => r.status === "sent" || r.status === "delivered").reduce((s, r) => s + r.n, 0);
  expect(sent).toBe(9_500);
  expect(rows.filter((r) => r.status === "skipped")).toEqual([
    { status: "skipped", skip_reason: "invalid_number", n: 300 },
    { status: "skipped", skip_reason: "suppressed", n: 200 },
  ]);
  // The database agrees with the sink: one accepted message per sent recipient.
  const [counted] = await t.db.$queryRaw<{ accepted: number }[]>`
    SELECT count(*)::int AS accepted FROM sms_messages WHERE campaign_id = ${id} AND provider_message_id IS NOT NULL`;
  expect(counted?.accepted).toBe(9_500);
});
