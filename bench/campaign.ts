// `npx tsx bench/campaign.ts [--recipients 1000000] [--dispatch-seconds 120] [--concurrency 4]`
// A campaign to the sink provider at scale, on a fresh database: time to import the contacts through the
// console's import pipeline (streamed CSV) next to PostgreSQL's COPY of the same rows, time to launch
// (materialise the audience in SQL) next to COPY of as many recipient rows, peak Redis memory while
// dispatching, and dispatch throughput with the rate limit off (real BullMQ workers in this process,
// the sink without receipts). Exits 1 when import > 4 × its COPY or launch > 2 × its COPY (issue 16).
// BENCH_RECIPIENTS sets the default of --recipients (a smaller run while developing).
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createReadStream, unlinkSync, writeFileSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { Queue, Worker } from "bullmq";
import { Redis } from "ioredis";
import pg from "pg";
import { loadConfig } from "../server/config.js";
import type { Prisma } from "../server/generated/prisma/client.js";
import { createSinkSmsProvider } from "../server/messaging/vendors/sink.js";
import { audienceFingerprint, termsOf } from "../server/outreach/campaigns/approval.js";
import { DEFAULT_SETTINGS } from "../server/outreach/campaigns/dispatch.js";
import { campaignSendProcessor, campaignsProcessor, scheduleDispatch } from "../server/outreach/campaigns/jobs.js";
import { loadGate } from "../server/outreach/campaigns/ports.js";
import { noRateLimit } from "../server/outreach/campaigns/rate-limit.js";
import { launchCampaign } from "../server/outreach/campaigns/service.js";
import { DEFAULT_POLICY } from "../server/outreach/compliance/policy.js";
import { savePolicy } from "../server/outreach/compliance/settings.js";
import { runContactImport } from "../server/outreach/contacts/import.js";
import { createDb } from "../server/platform/db/client.js";
import { applyMigrations, readMigrations } from "../server/platform/db/migrate.js";
import { CAMPAIGN_SEND_QUEUE, CAMPAIGNS_QUEUE, queueOptions } from "../server/platform/jobs/queues.js";

const { values } = parseArgs({
  options: {
    recipients: { type: "string", default: process.env.BENCH_RECIPIENTS ?? "1000000" },
    "dispatch-seconds": { type: "string", default: "120" },
    concurrency: { type: "string", default: "4" },
    keep: { type: "boolean", default: false },
  },
});
const N = Number(values.recipients);
const root = fileURLToPath(new URL("..", import.meta.url));
const base = loadConfig({ ...process.env, LOG_LEVEL: "silent" });
const dbName = `tthc_bench_${Date.now()}`;
const url = new URL(base.DATABASE_URL);
const admin = new pg.Client({ connectionString: Object.assign(new URL(url), { pathname: "/postgres" }).toString() });
await admin.connect();
await admin.query(`CREATE DATABASE "${dbName}"`);
url.pathname = `/${dbName}`;
const DATABASE_URL = url.toString();
await applyMigrations(DATABASE_URL, await readMigrations(`${root}/prisma/migrations`));
const config = loadConfig({ ...process.env, DATABASE_URL, LOG_LEVEL: "silent", REDIS_PREFIX: `bench-${randomBytes(4).toString("hex")}` });
const db = createDb(DATABASE_URL);
const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
const seconds = (ms: number) => Math.round(ms / 10) / 100;
const phone = (i: number) => `+849${String(i).padStart(8, "0")}`;
const results: Record<string, string | number> = {};
/** The ceilings of issue 16: the console's pipeline against PostgreSQL's COPY of the same rows. */
const IMPORT_CEILING = 4;
const LAUNCH_CEILING = 2;
const ratio = (a: number, b: number) => Math.round((a / b) * 100) / 100;

// 1. Import through the console's own pipeline (what "Nhập danh bạ" runs): a CSV as a commune would
// upload it, with a BOM, semicolons and local number forms, streamed through csv-parse, normalised,
// merged and written in batches, then added to a list. The file is streamed from disk, never held.
const upload = join(tmpdir(), `${dbName}-upload.csv`);
const uploadLines = (function* () {
  yield "\uFEFFSố điện thoại;Họ tên;Đồng ý\n";
  for (let k = 0; k < N; k++) yield `09${String(k).padStart(8, "0")};Công dân ${k};có\n`;
})();
writeFileSync(upload, Array.from(uploadLines).join(""));
const list = await db.contactList.create({ data: { name: "bench" } });
const mapping = { phone: "Số điện thoại", name: "Họ tên", consent: "Đồng ý", consentSource: "bench", consentMethod: "form" };
const importRow = await db.contactImport.create({ data: { fileName: "bench.csv", status: "running", mapping, listId: list.id } });
let t0 = Date.now();
const imported = await runContactImport(db, createReadStream(upload), { importId: importRow.id, mapping, listId: list.id });
results.importSeconds = seconds(Date.now() - t0);
results.importedRows = imported.importedRows;

// 1b. The same rows with COPY (psql \copy from a CSV file), into a twin table.
const csv = join(tmpdir(), `${dbName}.csv`);
writeFileSync(csv, Array.from({ length: N }, (_, k) => `${phone(k)},Công dân ${k},granted`).join("\n"));
await client.query(`CREATE TABLE contacts_copy (LIKE contacts INCLUDING ALL)`);
await client.query(`ALTER TABLE contacts_copy ALTER COLUMN updated_at SET DEFAULT now()`);
t0 = Date.now();
execFileSync("psql", [DATABASE_URL, "-c", `\\copy contacts_copy (phone, name, consent_status) FROM '${csv}' WITH (FORMAT csv)`]);
results.importCopySeconds = seconds(Date.now() - t0);

// 2. Launch: the audience snapshot, one INSERT … SELECT.
const user = await db.user.create({
  data: {
    username: "bench",
    name: "bench",
    roles: ["campaign_manager"],
    passwordHash: "x",
    agency: { create: { code: "B", name: "B", kind: "province" } },
  },
});
const sender = await db.smsSender.create({ data: { brandname: "GiaLai", provider: "sink", messagesPerSecond: 0 } });
const campaign = await db.campaign.create({
  data: {
    name: "bench",
    status: "scheduled",
    body: "Moi {{ten}} dung dich vu cong truc tuyen",
    senderId: sender.id,
    audience: { listIds: [list.id], segmentIds: [] },
    createdById: user.id,
    approvedById: user.id,
  },
});
// An administrator sets the real opt-out number before any campaign (the default's placeholder blocks launch).
await savePolicy(db, { ...DEFAULT_POLICY, optOutText: "Tu choi QC soan TC gui 8079" });
// What an approver would have approved: launch sends only a snapshot that matches it.
const approval = await termsOf(db, campaign, await audienceFingerprint(db, campaign.audience));
await db.campaign.update({ where: { id: campaign.id }, data: { approval: approval as unknown as Prisma.InputJsonValue } });
// A weekday at 10:00 in Vietnam: inside the sending window whatever time the bench runs.
const clock = () => new Date(Date.UTC(2026, 2, 10, 3, 0, 0) + (Date.now() % 3_600_000));
t0 = Date.now();
const launched = await launchCampaign(db, clock(), campaign.id, null, null);
results.launchSeconds = seconds(Date.now() - t0);
results.recipients = launched.ok ? launched.recipients : 0;
if (!launched.ok) console.error(`launch refused: ${launched.message}`);

// 2b. As many recipient rows with COPY, into a twin of campaign_recipients: its indexes and its two
// foreign keys, which PostgreSQL checks row by row for COPY as for the snapshot's INSERT (about half
// the work here). The same COPY without the foreign keys is printed too, for what the keys cost.
const recipientsCsv = join(tmpdir(), `${dbName}-recipients.csv`);
const firstContact = Number((await client.query("SELECT min(id) AS id FROM contacts")).rows[0].id);
writeFileSync(
  recipientsCsv,
  Array.from({ length: N }, (_, k) => `${campaign.id},${firstContact + k},${phone(k)},pending,,2026-03-10 10:00:00+07`).join("\n"),
);
const copyRecipients = (table: string) => {
  const started = Date.now();
  execFileSync("psql", [
    DATABASE_URL,
    "-c",
    `\\copy ${table} (campaign_id, contact_id, phone, status, skip_reason, updated_at) FROM '${recipientsCsv}' WITH (FORMAT csv)`,
  ]);
  return seconds(Date.now() - started);
};
await client.query(`CREATE TABLE campaign_recipients_bare (LIKE campaign_recipients INCLUDING ALL)`);
results.launchCopyBareSeconds = copyRecipients("campaign_recipients_bare");
await client.query(`DROP TABLE campaign_recipients_bare`);
await client.query(`CREATE TABLE campaign_recipients_copy (LIKE campaign_recipients INCLUDING ALL)`);
await client.query(`ALTER TABLE campaign_recipients_copy
  ADD FOREIGN KEY (campaign_id) REFERENCES campaigns (id) ON DELETE CASCADE,
  ADD FOREIGN KEY (contact_id) REFERENCES contacts (id) ON DELETE SET NULL`);
results.launchCopySeconds = copyRecipients("campaign_recipients_copy");
unlinkSync(recipientsCsv);

// 3. Dispatch with the rate limit off, watching Redis memory.
const redis = new Redis(config.REDIS_URL);
const used = async () => Number(/used_memory:(\d+)/.exec(await redis.info("memory"))?.[1] ?? 0);
const baseline = await used();
let peak = baseline;
const concurrency = Number(values.concurrency);
const sink = createSinkSmsProvider({ receiptDelayMs: -1 });
const deps = {
  db,
  clock,
  providers: () => sink,
  loadGate,
  rateLimiter: noRateLimit,
  settings: { ...DEFAULT_SETTINGS, batchSize: 200, maxInFlight: Math.max(2, concurrency) },
};
const campaigns = new Queue(CAMPAIGNS_QUEUE, queueOptions(config));
const send = new Queue(CAMPAIGN_SEND_QUEUE, queueOptions(config));
const workers = [
  new Worker(CAMPAIGNS_QUEUE, campaignsProcessor(deps, send, campaigns), { ...queueOptions(config), concurrency: 2 }),
  new Worker(CAMPAIGN_SEND_QUEUE, campaignSendProcessor(deps), { ...queueOptions(config), concurrency }),
];
const watch = setInterval(() => {
  used().then((u) => {
    peak = Math.max(peak, u);
  });
}, 200);
t0 = Date.now();
await scheduleDispatch(campaigns, campaign.id);
const limitMs = Number(values["dispatch-seconds"]) * 1000;
let sent = 0;
for (;;) {
  await new Promise((r) => setTimeout(r, 1000));
  const [row] = (
    await client.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent FROM campaign_recipients WHERE campaign_id = $1`, [
      campaign.id,
    ])
  ).rows;
  sent = row.sent;
  const status = (await db.campaign.findUniqueOrThrow({ where: { id: campaign.id } })).status;
  if (status === "completed" || Date.now() - t0 > limitMs) break;
}
const elapsed = Date.now() - t0;
clearInterval(watch);
results.dispatchSent = sent;
results.dispatchSeconds = seconds(elapsed);
results.dispatchPerSecond = Math.round(sent / (elapsed / 1000));
results.redisPeakMiB = Math.round(((peak - baseline) / 1048576) * 10) / 10;
results.machine = `${cpus()[0]?.model} × ${cpus().length}, ${Math.round(totalmem() / 2 ** 30)} GiB, Node ${process.version}, ${(await client.query("SHOW server_version")).rows[0].server_version}`;
results.importRatio = ratio(Number(results.importSeconds), Number(results.importCopySeconds));
results.launchRatio = ratio(Number(results.launchSeconds), Number(results.launchCopySeconds));
const rows: [string, string][] = [
  ["recipients", String(N)],
  ["import through the console's pipeline (s)", String(results.importSeconds)],
  ["  rows imported", String(results.importedRows)],
  ["PostgreSQL COPY of the same rows (s)", String(results.importCopySeconds)],
  ["  import / COPY", `${results.importRatio} (ceiling ${IMPORT_CEILING})`],
  ["launch: audience snapshot (s)", String(results.launchSeconds)],
  ["  recipients written", String(results.recipients)],
  ["PostgreSQL COPY of as many recipient rows (s)", String(results.launchCopySeconds)],
  ["  the same COPY without the foreign keys (s)", String(results.launchCopyBareSeconds)],
  ["  launch / COPY", `${results.launchRatio} (ceiling ${LAUNCH_CEILING})`],
  ["dispatch, rate limit off (messages/s)", `${results.dispatchPerSecond} (${results.dispatchSent} sent in ${results.dispatchSeconds} s)`],
  ["peak Redis memory above baseline (MiB)", String(results.redisPeakMiB)],
  ["machine", String(results.machine)],
];
const width = Math.max(...rows.map(([label]) => label.length));
for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);

await Promise.all(workers.map((w) => w.close()));
await campaigns.obliterate({ force: true }).catch(() => {});
await send.obliterate({ force: true }).catch(() => {});
await campaigns.close();
await send.close();
redis.disconnect();
await client.end();
await db.$disconnect();
if (!values.keep) await admin.query(`DROP DATABASE "${dbName}" WITH (FORCE)`);
await admin.end();
unlinkSync(upload);
unlinkSync(csv);
const missed = [
  Number(results.importRatio) > IMPORT_CEILING && `import is ${results.importRatio} × COPY (ceiling ${IMPORT_CEILING})`,
  Number(results.launchRatio) > LAUNCH_CEILING && `launch is ${results.launchRatio} × COPY (ceiling ${LAUNCH_CEILING})`,
  results.importedRows !== N && `imported ${results.importedRows} of ${N} rows`,
  results.recipients !== N && `launched ${results.recipients} of ${N} recipients`,
].filter(Boolean);
for (const miss of missed) console.error(`MISSED  ${miss}`);
if (missed.length > 0) process.exitCode = 1;
