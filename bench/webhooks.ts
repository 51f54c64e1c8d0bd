// Webhook latency under normal hotline load: concurrent simulated calls (signed requests that follow
// the TwiML, as Twilio does) against a real server over HTTP, on a fresh database with the demo seed.
// Prints p50/p95/p99/max per webhook; the target is p99 < 100 ms. "Normal load" is modelled as
// --concurrency callers on the line at once, each taking --think ms between webhooks (listening to a
// prompt, pressing a key); --think 0 turns it into a stress test.
//   npm run bench:webhooks -- [--calls 200] [--concurrency 20] [--think 300]
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { buildApp } from "../server/app.js";
import { loadConfig } from "../server/config.js";
import { type SimulatorTransport, simulateCall } from "../server/hotline/simulator/simulated-call.js";
import { applyMigrations, readMigrations } from "../server/platform/db/migrate.js";
import { webhookSigningKey } from "../server/platform/twilio/signing-key.js";

const { values } = parseArgs({
  options: {
    calls: { type: "string", default: "200" },
    concurrency: { type: "string", default: "20" },
    think: { type: "string", default: "300" },
  },
});
const calls = Number(values.calls);
const concurrency = Number(values.concurrency);
const thinkMs = Number(values.think);
const root = fileURLToPath(new URL("..", import.meta.url));

const base = loadConfig({ ...process.env, LOG_LEVEL: "warn" });
const name = `tthc_bench_${randomBytes(4).toString("hex")}`;
const adminUrl = new URL(base.DATABASE_URL);
adminUrl.pathname = "/postgres";
const databaseUrl = new URL(base.DATABASE_URL);
databaseUrl.pathname = `/${name}`;

async function admin(sql: string) {
  const client = new pg.Client({ connectionString: adminUrl.toString() });
  await client.connect();
  await client.query(sql).finally(() => client.end());
}

await admin(`CREATE DATABASE "${name}"`);
try {
  await applyMigrations(databaseUrl.toString(), await readMigrations(`${root}/prisma/migrations`));
  execFileSync(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: databaseUrl.toString(), ADMIN_PASSWORD: "bench-password-only", NODE_ENV: "test" },
  });
  const config = loadConfig({ ...process.env, LOG_LEVEL: "warn", DATABASE_URL: databaseUrl.toString(), REDIS_PREFIX: `bench-${name}` });
  const app = await buildApp(config, { logger: false });
  // Open around the clock, so every simulated call walks the whole path whatever the time of the run.
  const always = [{ opens: "00:00", closes: "24:00" }];
  await app.db.agency.update({
    where: { code: "GL" },
    data: { weeklyHours: { 0: always, 1: always, 2: always, 3: always, 4: always, 5: always, 6: always } },
  });
  await app.db.agency.updateMany({ data: { observeHolidays: false } });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const origin = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const key = await webhookSigningKey(config, app.db);

  const timings = new Map<string, number[]>();
  const transport: SimulatorTransport = {
    async post(path, params, signature) {
      if (thinkMs > 0) await new Promise((resolve) => setTimeout(resolve, thinkMs * (0.5 + Math.random())));
      const started = performance.now();
      const response = await fetch(`${origin}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params),
      });
      const body = await response.text();
      const kind = path.split("?")[0] ?? path;
      timings.set(kind, [...(timings.get(kind) ?? []), performance.now() - started]);
      return { status: response.status, body };
    },
  };

  // A realistic mix: menu choices, the commune code, silence, no answer, hanging up in the menu.
  const scripts = [
    { digits: ["1", "1", "1", "2"], staff: "answer" as const },
    { digits: ["2", "2", "2", "1"], staff: "answer" as const },
    { digits: ["3"], staff: "no-answer" as const },
    { digits: ["8", "101", "1", "1"], staff: "answer" as const },
    { digits: ["", "9", "3"], staff: "answer" as const },
    { digits: [], staff: "answer" as const },
  ];
  // A few calls first, unmeasured: a running server is warm (JIT, caches, connection pool).
  for (const script of scripts) {
    await simulateCall(transport, key, config.PUBLIC_BASE_URL, { from: "0912345678", to: "+842563822478", ...script });
  }
  timings.clear();
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < calls) {
        const script = scripts[next++ % scripts.length] ?? scripts[0];
        if (!script) break;
        await simulateCall(transport, key, config.PUBLIC_BASE_URL, { from: "0912345678", to: "+842563822478", ...script, talkSeconds: 60 });
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;

  const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
  const row = (label: string, list: number[]) => {
    const sorted = [...list].sort((a, b) => a - b);
    const f = (n: number) => n.toFixed(1).padStart(7);
    return `${label.padEnd(36)} ${String(sorted.length).padStart(6)} ${f(pct(sorted, 50))} ${f(pct(sorted, 95))} ${f(pct(sorted, 99))} ${f(sorted.at(-1) ?? 0)}`;
  };
  const all = [...timings.values()].flat();
  console.log(
    `${calls} calls, ${concurrency} at a time, ${all.length} webhooks in ${seconds.toFixed(1)} s (${(all.length / seconds).toFixed(0)} req/s)`,
  );
  console.log(
    `${"webhook".padEnd(36)} ${"count".padStart(6)} ${"p50 ms".padStart(7)} ${"p95 ms".padStart(7)} ${"p99 ms".padStart(7)} ${"max ms".padStart(7)}`,
  );
  for (const [kind, list] of [...timings.entries()].sort()) console.log(row(kind, list));
  console.log(row("all", all));
  const p99 = pct(
    [...all].sort((a, b) => a - b),
    99,
  );
  console.log(p99 < 100 ? `p99 ${p99.toFixed(1)} ms: within the 100 ms target` : `p99 ${p99.toFixed(1)} ms: OVER the 100 ms target`);
  await app.close();
} finally {
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}
