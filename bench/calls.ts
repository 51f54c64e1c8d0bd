// `npm run bench:calls -- [--callers 200] [--think 0] [--duration 30 | --calls N] [--servers 1] [--generators 1] [--soak SECONDS]
//                        [--warmup-calls 20] [--skip-ceiling] [--queue-callers 40] [--queue-staff 3]`
// The hotline under load from outside, as Twilio would deliver it: load generator process(es) place
// signed calls that follow the TwiML (a new CallSid each), against real server processes started as in
// production (NODE_ENV=production, an auth token, signature checks) on a fresh database with the demo
// seed and the hotline open. The same load first runs against a bare node http.Server answering fixed
// TwiML, this machine's ceiling. With --servers K the webhooks of every call are spread at random over
// K server processes, like a load balancer. Afterwards the call log is counted: every call present once
// and complete. --soak SECONDS runs the load that long and watches the servers' resident memory.
// Then the queue phase (bench/calls/queue-scenario.ts): --queue-callers callers at once to one agency
// with --queue-staff staff available, in real time, so most wait in its queue (0 leaves it out).
import { randomBytes } from "node:crypto";
import { rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { Redis } from "ioredis";
import { loadConfig } from "../server/config.js";
import { checkCallLog, createBenchDatabase } from "./calls/database.js";
import type { LoadPlan } from "./calls/load-generator.js";
import { residentBytes, runLoad, startBare, startHotline, type Target } from "./calls/processes.js";
import { printQueuePhase, type QueuePhase, runQueuePhase } from "./calls/queue-scenario.js";
import {
  figures,
  type MemorySample,
  printCallLog,
  printComparison,
  printLogProblems,
  printMemory,
  printPerWebhook,
} from "./calls/report.js";
import { TWILIO_TIMEOUT_MS } from "./calls/twilio-client.js";

const USAGE =
  "npm run bench:calls -- [--callers 200] [--think 0] [--duration 30 | --calls N] [--servers 1] [--generators 1] [--soak SECONDS] [--skip-ceiling] [--cpu-prof DIR] [--queue-callers 40] [--queue-staff 3]";
const args = () =>
  parseArgs({
    options: {
      callers: { type: "string", default: "200" },
      think: { type: "string", default: "0" },
      duration: { type: "string" },
      calls: { type: "string" },
      servers: { type: "string", default: "1" },
      generators: { type: "string", default: "1" },
      soak: { type: "string" },
      "warmup-calls": { type: "string", default: "20" },
      "skip-ceiling": { type: "boolean", default: false },
      "cpu-prof": { type: "string" },
      "queue-callers": { type: "string", default: "40" },
      "queue-staff": { type: "string", default: "3" },
    },
  });
let values: ReturnType<typeof args>["values"];
try {
  values = args().values;
} catch (error) {
  console.error(`${(error as Error).message}\n${USAGE}`);
  process.exit(2);
}
const whole = (name: string, raw: string | undefined, min: number, max: number): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    console.error(`--${name} must be a whole number from ${min} to ${max} (got "${raw}")\n${USAGE}`);
    process.exit(2);
  }
  return n;
};
const callers = whole("callers", values.callers, 1, 5000) as number;
const thinkMs = whole("think", values.think, 0, 60_000) as number;
const soak = whole("soak", values.soak, 10, 86_400);
const calls = whole("calls", values.calls, 1, 10_000_000);
const duration = soak ?? whole("duration", values.duration, 1, 86_400) ?? (calls === undefined ? 30 : undefined);
const servers = whole("servers", values.servers, 1, 16) as number;
const generators = whole("generators", values.generators, 1, 16) as number;
const warmupCalls = whole("warmup-calls", values["warmup-calls"], 0, 10_000) as number;
const queueCallers = whole("queue-callers", values["queue-callers"], 0, 1000) as number;
const queueStaff = whole("queue-staff", values["queue-staff"], 1, 20) as number;
const withCeiling = soak === undefined && !values["skip-ceiling"];

const base = loadConfig({ ...process.env, LOG_LEVEL: "warn" });
const publicBaseUrl = "https://tongdai.bench.invalid";
const signingKey = randomBytes(16).toString("hex");
const redisPrefix = `bench-calls-${randomBytes(4).toString("hex")}`;
const plan = (origins: string[]): LoadPlan => ({
  client: { origins, signingKey, publicBaseUrl, thinkMs, timeoutMs: TWILIO_TIMEOUT_MS },
  callers,
  ...(calls === undefined ? {} : { calls }),
  ...(duration === undefined ? {} : { durationSeconds: duration }),
  warmupCalls,
  progressEverySeconds: soak === undefined ? 10 : 30,
});
const load = `${callers} callers at once, think ${thinkMs} ms, ${calls === undefined ? `${duration} s` : `${calls} calls`}`;

console.log(`bench:calls: ${load}; ${servers} server process(es), ${generators} load generator process(es)`);
const database = await createBenchDatabase(base.DATABASE_URL, publicBaseUrl);
let failed = false;
try {
  const bare = withCeiling ? await measureBare() : null;

  const hotline = await startHotline(
    servers,
    {
      NODE_ENV: "production",
      PUBLIC_BASE_URL: publicBaseUrl,
      PRIVACY_HASH_KEY: randomBytes(32).toString("base64"),
      DATABASE_URL: database.url,
      REDIS_URL: base.REDIS_URL,
      REDIS_PREFIX: redisPrefix,
      TWILIO_AUTH_TOKEN: signingKey,
      SMS_PROVIDER: "sink",
      // Degraded calls are journaled in Redis first, this file only when Redis is down too.
      DEGRADED_JOURNAL_FILE: join(tmpdir(), `${redisPrefix}-voice-journal.jsonl`),
      LOG_LEVEL: "warn",
    },
    values["cpu-prof"],
  );
  const memory: MemorySample[] = [];
  let measuringSince = 0;
  const sampleMemory = () => {
    const second = Math.round((performance.now() - measuringSince) / 1000);
    memory.push({ second, bytes: hotline.pids.map((pid) => residentBytes(pid) ?? 0) });
  };
  let sampler: NodeJS.Timeout | undefined;
  let result: Awaited<ReturnType<typeof runLoad>>;
  let queuePhase: QueuePhase | null = null;
  try {
    result = await runLoad(
      generators,
      plan(hotline.origins),
      (p) => {
        const rss = hotline.pids.map((pid) => `${((residentBytes(pid) ?? 0) / 2 ** 20).toFixed(0)} MiB`).join(", ");
        const second = Math.round((performance.now() - measuringSince) / 1000);
        console.log(`  ${second} s: ${p.calls} calls, ${p.webhooks} webhooks, ${p.errors} errors; server RSS ${rss}`);
      },
      () => {
        measuringSince = performance.now();
        sampleMemory();
        sampler = setInterval(sampleMemory, 5000);
      },
    );
    sampleMemory();
    if (queueCallers > 0 && soak === undefined) {
      queuePhase = await runQueuePhase({
        origins: hotline.origins,
        databaseUrl: database.url,
        publicBaseUrl,
        signingKey,
        callers: queueCallers,
        staff: queueStaff,
      });
    }
  } finally {
    clearInterval(sampler);
    await hotline.stop();
  }

  const measured = figures(result);
  const label = `hotline, ${servers} server process${servers > 1 ? "es" : ""}`;
  console.log("");
  printComparison(bare, measured, label);
  printPerWebhook(result);
  const check = await checkCallLog(database, result.calls);
  printCallLog(check, result.warmup.calls);
  if (result.warmup.failed > 0) console.log(`warm-up: ${result.warmup.failed} of ${result.warmup.calls} calls failed`);
  printLogProblems(hotline.logProblems());

  const queueOk = queuePhase ? printQueuePhase(queuePhase) : true;

  const warmupSecond = soak === undefined ? 0 : Math.min(60, Math.max(10, Math.round(soak / 10)));
  const flat = soak === undefined ? true : printMemory(memory, warmupSecond);

  console.log("\ntargets:");
  const verdict = (ok: boolean, text: string) => console.log(`  ${ok ? "met " : "MISSED"}  ${text}`);
  verdict(measured.errors === 0, `0 failed webhooks (${measured.errors})`);
  verdict(
    check.missing === 0 && check.complete === check.placed,
    `every call in the log once and complete (${check.complete} of ${check.placed})`,
  );
  verdict(measured.p99 < 100, `p99 < 100 ms (${measured.p99.toFixed(1)} ms; the target is set for 100 callers with 1 s think time)`);
  if (bare)
    verdict(measured.perSecond >= 0.2 * bare.perSecond, `throughput ≥ 0.2 × bare (${(measured.perSecond / bare.perSecond).toFixed(2)})`);
  if (queuePhase) {
    verdict(
      queueOk,
      `queue phase: no webhook answered 5xx (${queuePhase.serverErrors}) and every queued call ran to its end (${queuePhase.callers.filter((c) => c.error).length} broke off)`,
    );
  }
  if (soak !== undefined) verdict(flat, "server memory flat: mean RSS over the last minute within 10 % of the minute after warm-up");
  failed ||= !queueOk || !flat || measured.errors > 0 || check.missing > 0 || check.complete !== check.placed;
} finally {
  await database.drop();
  await dropRedisKeys(base.REDIS_URL, redisPrefix);
  rmSync(join(tmpdir(), `${redisPrefix}-voice-journal.jsonl`), { force: true });
}
process.exit(failed ? 1 : 0);

async function measureBare() {
  const target: Target = await startBare(publicBaseUrl);
  try {
    return figures(await runLoad(generators, plan(target.origins), () => {}));
  } finally {
    await target.stop();
  }
}

/** What the servers queued or cached under the run's own prefix. */
async function dropRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true });
  try {
    await redis.connect();
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}:*`, "COUNT", 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== "0");
  } finally {
    redis.disconnect();
  }
}
