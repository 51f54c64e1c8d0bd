// Reports at scale (issue 16, point 4): a fresh database `tthc_bench_reports`, migrated like the
// tests' databases, loaded with BENCH_CALLS calls (default 5,000,000) over two years up to now and
// 60 agencies, with events, survey answers and notes, in SQL (generate_series, triggers off), then
// every roll-up built from the calls (call_figures_rebuild) and ANALYZE. Each report
// is then timed through the real HTTP routes (app.inject, an admin session), several times, and
// printed as median and p95 beside its target, with the bare SQL beside it where that means
// something (the statements the route runs, one after the other, without Node and HTTP around
// them). Exits 1 when a target is missed.
//
//   npm run bench:reports                       # 5,000,000 calls
//   BENCH_CALLS=200000 npm run bench:reports    # a smaller run
//   npm run bench:reports -- --reuse            # time again on the database a previous run loaded
//   npm run bench:reports -- --explain          # also print EXPLAIN ANALYZE of the bare queries
import { cpus, loadavg, totalmem } from "node:os";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import pg from "pg";
import { createSession, SESSION_COOKIE } from "../server/access/auth/sessions.js";
import { buildApp } from "../server/app.js";
import { addDays } from "../server/clock/vietnam-time.js";
import { loadConfig } from "../server/config.js";
import { Prisma } from "../server/generated/prisma/client.js";
import { today } from "../server/hotline/reports/period.js";
import { partsSql, periodParts } from "../server/hotline/reports/period-parts.js";
import { FIGURE_COSTS, FIGURE_TABLES, WAIT_COSTS, WAIT_TABLES } from "../server/hotline/reports/rollup-tables.js";
import { createDb } from "../server/platform/db/client.js";
import { applyMigrations, readMigrations } from "../server/platform/db/migrate.js";

const { values } = parseArgs({
  options: {
    reuse: { type: "boolean", default: false },
    explain: { type: "boolean", default: false },
    runs: { type: "string", default: "15" },
  },
});
const CALLS = Number(process.env.BENCH_CALLS ?? 5_000_000);
const EVENTS_PER_CALL = Number(process.env.BENCH_EVENTS_PER_CALL ?? 4);
const AGENCIES = 60;
const STAFF_PER_AGENCY = 5;
const RUNS = Number(values.runs);
const DB_NAME = "tthc_bench_reports";
const root = fileURLToPath(new URL("..", import.meta.url));

const base = new URL(process.env.DATABASE_URL || "postgresql://postgres@127.0.0.1:5432/tthc");
const urlOf = (name: string) => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};
const DATABASE_URL = urlOf(DB_NAME);

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const ms = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e6;

async function load(): Promise<void> {
  const admin = new pg.Client({ connectionString: urlOf("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS "${DB_NAME}" WITH (FORCE)`);
  await admin.query(`CREATE DATABASE "${DB_NAME}"`);
  await admin.end();
  await applyMigrations(DATABASE_URL, await readMigrations(`${root}/prisma/migrations`));

  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  const step = async (label: string, sql: string, params: unknown[] = []) => {
    const started = process.hrtime.bigint();
    const result = await client.query(sql, params);
    console.log(`  ${label}: ${seconds(started).toFixed(1)} s${result.rowCount ? ` (${result.rowCount.toLocaleString("en")} rows)` : ""}`);
  };
  console.log(`loading ${CALLS.toLocaleString("en")} calls into ${DB_NAME}`);
  // Bulk load: no triggers (the roll-ups are built afterwards by the backfill), no fsync wait.
  await client.query("SET session_replication_role = replica; SET synchronous_commit = off; SET maintenance_work_mem = '512MB'");
  // Building the indexes once after the load is several times faster than keeping them up row by row.
  const indexes = await client.query<{ name: string; def: string }>(
    `SELECT indexname AS name, indexdef AS def FROM pg_indexes i
     WHERE tablename IN ('calls', 'call_events', 'survey_answers', 'call_notes')
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = (quote_ident(i.indexname))::regclass)`,
  );
  for (const index of indexes.rows) await client.query(`DROP INDEX "${index.name}"`);
  await step(
    "agencies",
    `INSERT INTO agencies (code, name, kind, parent_id, updated_at)
     SELECT 'A' || lpad(g::text, 2, '0'), 'Cơ quan ' || g, CASE WHEN g = 1 THEN 'province' WHEN g <= 20 THEN 'department' ELSE 'ward' END::"AgencyKind",
       CASE WHEN g = 1 THEN NULL ELSE 1 END, now()
     FROM generate_series(1, $1::int) g`,
    [AGENCIES],
  );
  await step(
    "staff",
    `INSERT INTO users (username, name, password_hash, roles, agency_id, updated_at)
     SELECT 'staff' || g, 'Cán bộ ' || g, 'x', ARRAY['agent']::"Role"[], 1 + (g - 1) / $1::int, now()
     FROM generate_series(1, $2::int) g`,
    [STAFF_PER_AGENCY, AGENCIES * STAFF_PER_AGENCY],
  );
  await client.query(
    `INSERT INTO users (username, name, password_hash, roles, agency_id, updated_at) VALUES ('bench.admin', 'Bench', 'x', ARRAY['admin']::"Role"[], 1, now())`,
  );
  // Calls spread evenly over the 730 Vietnam days up to today, 07:00–17:00; agencies skewed (a few
  // busy departments, many quiet wards); 8 % hang up in the IVR, of the rest 78 % answered; a
  // million callers, so a number has about five calls.
  const chunk = 500_000;
  const first = addDays(today(), -729);
  for (let from = 1; from <= CALLS; from += chunk) {
    const to = Math.min(CALLS, from + chunk - 1);
    await step(
      `calls ${from.toLocaleString("en")}–${to.toLocaleString("en")}`,
      `INSERT INTO calls (call_sid, caller, hotline, status, state, agency_id, staff_id, started_at, ring_started_at, answered_at,
         ended_at, ivr_seconds, ring_seconds, talk_seconds, termination, queue_seconds, queue_outcome, updated_at)
       SELECT 'CA' || lpad(to_hex(g), 32, '0'), '+8490' || lpad(((hashint4(g)::bigint + 2147483648) % 1000000)::text, 7, '0'), '+842563822478',
         'completed', '{}'::jsonb,
         CASE WHEN r.ivr THEN NULL ELSE r.agency END,
         CASE WHEN r.answered THEN (r.agency - 1) * $4::int + 1 + (g % $4::int) END,
         r.started, CASE WHEN r.ivr THEN NULL ELSE r.started + interval '40 s' END,
         CASE WHEN r.answered THEN r.started + interval '40 s' + make_interval(secs => r.queue + r.ring) END,
         r.started + interval '40 s' + make_interval(secs => r.queue + r.ring + r.talk),
         40, CASE WHEN r.ivr THEN NULL ELSE r.ring END, CASE WHEN r.answered THEN r.talk END,
         (CASE WHEN r.ivr THEN 'hung_up_in_ivr' WHEN r.answered THEN 'answered' WHEN r.u < 0.85 THEN 'abandoned_ringing' ELSE 'voicemail' END)::"CallTermination",
         CASE WHEN r.queue > 0 THEN r.queue END,
         (CASE WHEN r.queue = 0 THEN NULL WHEN r.answered THEN 'answered' ELSE 'abandoned' END)::"QueueOutcome",
         r.started
       FROM generate_series($1::int, $2::int) g
       CROSS JOIN LATERAL (
         SELECT (($5::date + ((g - 1)::bigint * 730 / $3::int)::int)::timestamp + interval '7 h' + (random() * interval '10 h')) AT TIME ZONE 'Asia/Ho_Chi_Minh' AS started,
           1 + floor(power(random(), 2) * $6::int)::int AS agency,
           random() < 0.08 AS ivr, random() AS u, random() AS v
       ) p
       CROSS JOIN LATERAL (
         SELECT p.started, p.agency, p.ivr, p.u, NOT p.ivr AND p.u < 0.78 AS answered,
           (CASE WHEN p.v < 0.2 THEN floor(p.v * 600) ELSE 0 END)::int AS queue,
           (floor(random() * 25))::int AS ring, (30 + floor(random() * 400))::int AS talk
       ) r`,
      [from, to, CALLS, STAFF_PER_AGENCY, first, AGENCIES],
    );
  }
  // Events: incoming, a menu choice or two, the end (the hotline stores about one per webhook).
  await step(
    `events (${EVENTS_PER_CALL} a call)`,
    `INSERT INTO call_events (call_id, kind, dedupe_key, data, at)
     SELECT c.id, CASE e WHEN 1 THEN 'incoming' WHEN $1::int THEN 'status' ELSE 'gather' END, 'e' || e,
       jsonb_build_object('node', 'menu', 'digits', (e % 9)::text), c.started_at + make_interval(secs => e * 10)
     FROM calls c CROSS JOIN generate_series(1, $1::int) e`,
    [EVENTS_PER_CALL],
  );
  // Surveys: 45 % of answered calls rate their satisfaction (60 % very satisfied, 28 % satisfied),
  // two thirds of those also say whether their matter was resolved.
  await step(
    "survey answers (satisfaction)",
    `INSERT INTO survey_answers (call_id, question, value, channel, created_at)
     SELECT id, 'satisfaction', CASE WHEN x < 0.6 THEN 1 WHEN x < 0.88 THEN 2 ELSE 3 END, 'ivr', ended_at
     FROM (SELECT id, ended_at, random() AS x FROM calls WHERE answered_at IS NOT NULL AND random() < 0.45) c`,
  );
  await step(
    "survey answers (resolved)",
    `INSERT INTO survey_answers (call_id, question, value, channel, created_at)
     SELECT call_id, 'resolved', CASE WHEN random() < 0.8 THEN 1 ELSE 2 END, 'ivr', created_at
     FROM survey_answers WHERE question = 'satisfaction' AND random() < 0.67`,
  );
  // Notes on a third of the answered calls.
  await step(
    "notes",
    `INSERT INTO call_notes (call_id, author_id, category, question, answer, resolved, state, created_at, updated_at)
     SELECT id, staff_id, 'ho_tich', 'Hỏi về thủ tục', 'Đã hướng dẫn', true, 'final', ended_at, ended_at
     FROM calls WHERE staff_id IS NOT NULL AND random() < 0.33`,
  );
  const indexStart = process.hrtime.bigint();
  for (const index of indexes.rows) await client.query(index.def);
  console.log(`  indexes (${indexes.rows.length}): ${seconds(indexStart).toFixed(1)} s`);
  await client.query("SET session_replication_role = origin");
  await step("roll-ups (call_figures_rebuild)", "SELECT call_figures_rebuild()");
  await step("VACUUM ANALYZE", "VACUUM ANALYZE");
  await client.end();
}

interface Timed {
  name: string;
  target: number;
  median: number;
  p95: number;
  bare?: { median: number; p95: number };
}

const quantile = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? 0;
function summary(times: number[]) {
  const sorted = [...times].sort((a, b) => a - b);
  return { median: quantile(sorted, 0.5), p95: quantile(sorted, 0.95) };
}

if (!values.reuse) {
  const started = process.hrtime.bigint();
  await load();
  console.log(`loaded in ${seconds(started).toFixed(0)} s`);
}

const config = loadConfig({
  ...process.env,
  DATABASE_URL,
  NODE_ENV: "development",
  LOG_LEVEL: "warn",
  REDIS_PREFIX: `bench-reports-${Date.now()}`,
});
const app = await buildApp(config);
const client = new pg.Client({ connectionString: DATABASE_URL });
await client.connect();
// As the routes read the roll-ups (serialRows): no parallel workers.
await client.query("SET max_parallel_workers_per_gather = 0");
const sizes = await client.query<Record<string, string>>(
  `SELECT (SELECT count(*) FROM calls) AS calls, (SELECT count(*) FROM call_events) AS events, (SELECT count(*) FROM survey_answers) AS answers,
     (SELECT count(*) FROM call_notes) AS notes, (SELECT count(*) FROM call_daily_figures) AS daily_figures,
     (SELECT count(*) FROM call_monthly_figures) AS monthly_figures, (SELECT count(*) FROM call_daily_waits) AS daily_waits,
     (SELECT count(*) FROM call_monthly_waits) AS monthly_waits, (SELECT count(*) FROM call_yearly_waits) AS yearly_waits,
     (SELECT count(*) FROM call_daily_staff_figures) AS daily_staff, (SELECT count(*) FROM call_monthly_staff_figures) AS monthly_staff,
     (SELECT count(*) FROM call_daily_counts) AS daily_counts`,
);
console.log("rows:", sizes.rows[0]);

// Sessions for a few administrators: phone searches are limited per person per hour.
const db = createDb(DATABASE_URL);
const adminId = (await client.query<{ id: number }>(`SELECT id FROM users WHERE username = 'bench.admin'`)).rows[0]?.id ?? 0;
const cookies: string[] = [];
for (let i = 0; i < Math.ceil(RUNS / 15) + 1; i++) cookies.push(`${SESSION_COOKIE}=${await createSession(db, adminId, 86_400_000)}`);
await db.$disconnect();

const day = today();
const lastMonthEnd = addDays(`${day.slice(0, 7)}-01`, -1);
const lastMonthStart = `${lastMonthEnd.slice(0, 7)}-01`;
const yearStart = addDays(day, -364);
const agencyId = (await client.query<{ id: number }>(`SELECT id FROM agencies WHERE code = 'A05'`)).rows[0]?.id;
const caller = (await client.query<{ caller: string }>(`SELECT caller FROM calls ORDER BY id DESC LIMIT 1`)).rows[0]?.caller ?? "";
// The way staff type it: the local form, with spaces.
const typed = `0${caller.slice(3, 5)} ${caller.slice(5, 8)} ${caller.slice(8)}`;
const list = (filter: Record<string, unknown>, range = "[0,24]") =>
  `/api/calls?${new URLSearchParams({ filter: JSON.stringify(filter), range, sort: JSON.stringify(["startedAt", "DESC"]) })}`;

async function timeRoute(
  name: string,
  target: number,
  url: string,
  runs = RUNS,
  bare?: { sql: string; params: unknown[] },
): Promise<Timed> {
  let call = 0;
  const once = async () => {
    const cookie = cookies[Math.floor(call++ / 15)] ?? cookies[0];
    const started = process.hrtime.bigint();
    const response = await app.inject({ method: "GET", url, headers: { cookie, origin: config.PUBLIC_BASE_URL } });
    const elapsed = ms(started);
    if (response.statusCode !== 200) throw new Error(`${name}: ${response.statusCode} ${response.body.slice(0, 300)}`);
    return elapsed;
  };
  await once();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) times.push(await once());
  const timed: Timed = { name, target, ...summary(times) };
  if (bare) {
    const bareTimes: number[] = [];
    for (let i = 0; i <= runs; i++) {
      const started = process.hrtime.bigint();
      await client.query(bare.sql, bare.params);
      if (i > 0) bareTimes.push(ms(started));
    }
    timed.bare = summary(bareTimes);
    if (values.explain) {
      const plan = await client.query(`EXPLAIN (ANALYZE, COSTS OFF) ${bare.sql}`, bare.params);
      console.log(`\n-- ${name}\n${plan.rows.map((row) => row["QUERY PLAN"]).join("\n")}`);
    }
  }
  return timed;
}

// The ranking's statements: the figures per agency and the wait histograms per agency, each over
// the period's signed parts of the day, month (and year) tables, as satisfaction.ts reads them.
const rankingBare = (from: string, to: string) => {
  const figures = partsSql(
    periodParts(from, to, day, FIGURE_COSTS),
    FIGURE_TABLES,
    "agency_key, calls, answered, answers, very_satisfied, satisfied",
    Prisma.empty,
  );
  const waits = partsSql(
    periodParts(from, to, day, WAIT_COSTS),
    WAIT_TABLES,
    "agency_key, json_agg(wait) AS waits, json_agg(calls) AS counts",
    Prisma.empty,
    "agency_key",
  );
  const statement = Prisma.sql`
    WITH per AS (
      SELECT agency_key, sum(sign * calls) AS calls, sum(sign * answered) AS answered, sum(sign * answers) AS answers,
        sum(sign * (very_satisfied + satisfied)) AS satisfied
      FROM (${figures}) f GROUP BY GROUPING SETS ((agency_key), ())
    ), histograms AS (${waits})
    SELECT (SELECT json_agg(per) FROM per) AS figures, (SELECT json_agg(histograms) FROM histograms) AS histograms`;
  return { sql: statement.text, params: statement.values };
};
/**
 * A list page's statements: its total (from call_daily_counts for whole days when the filter is a
 * period, kind and agency: call-log/total.ts; else counting the calls) and the page's ids.
 */
const pageBare = (where: string, params: unknown[], days?: { from: string; to: string; also?: string }) => ({
  sql: `SELECT ${
    days
      ? `(SELECT sum(calls) FROM call_daily_counts WHERE day >= '${days.from}' AND day <= '${days.to}'${days.also ? ` AND ${days.also}` : ""})`
      : `(SELECT count(*) FROM calls WHERE ${where})`
  } AS total,
          (SELECT array_agg(id) FROM (SELECT id FROM calls WHERE ${where} ORDER BY started_at DESC, id DESC LIMIT 25) p) AS page`,
  params,
});
const vn = (date: string) => `${date}T00:00:00+07:00`;

const results: Timed[] = [];
results.push(
  await timeRoute(
    `satisfaction ranking, last month (${lastMonthStart}…${lastMonthEnd})`,
    100,
    `/api/reports/satisfaction?from=${lastMonthStart}&to=${lastMonthEnd}`,
    RUNS,
    rankingBare(lastMonthStart, lastMonthEnd),
  ),
);
results.push(
  await timeRoute(
    `satisfaction ranking, a year (${yearStart}…${day})`,
    100,
    `/api/reports/satisfaction?from=${yearStart}&to=${day}`,
    RUNS,
    rankingBare(yearStart, day),
  ),
);
results.push(await timeRoute("dashboard: today and 30 days (/api/reports/today)", 100, "/api/reports/today"));
results.push(
  await timeRoute(
    "dashboard: today's calls card (count)",
    100,
    list({ from: day, to: day, simulated: false }, "[0,0]"),
    RUNS,
    pageBare("started_at >= $1 AND started_at < $2 AND NOT simulated", [vn(day), vn(addDays(day, 1))], {
      from: day,
      to: day,
      also: "NOT simulated",
    }),
  ),
);
results.push(
  await timeRoute(
    `periodic report, last month (/api/agency-reports?period=${lastMonthStart.slice(0, 7)}&live=true)`,
    100,
    `/api/agency-reports?period=${lastMonthStart.slice(0, 7)}&live=true`,
  ),
);
results.push(
  await timeRoute(
    "call log, first page: last month",
    100,
    list({ from: lastMonthStart, to: lastMonthEnd }),
    RUNS,
    pageBare("started_at >= $1 AND started_at < $2", [vn(lastMonthStart), vn(addDays(lastMonthEnd, 1))], {
      from: lastMonthStart,
      to: lastMonthEnd,
    }),
  ),
);
results.push(
  await timeRoute(
    "call log, first page: one agency, last month",
    100,
    list({ agencyId, from: lastMonthStart, to: lastMonthEnd }),
    RUNS,
    pageBare("agency_id = $3 AND started_at >= $1 AND started_at < $2", [vn(lastMonthStart), vn(addDays(lastMonthEnd, 1)), agencyId], {
      from: lastMonthStart,
      to: lastMonthEnd,
      also: `agency_key = ${agencyId}`,
    }),
  ),
);
results.push(
  await timeRoute(
    "call log, first page: abandoned while ringing, last month",
    100,
    list({ termination: "abandoned_ringing", from: lastMonthStart, to: lastMonthEnd }),
    RUNS,
    pageBare("termination = 'abandoned_ringing' AND started_at >= $1 AND started_at < $2", [
      vn(lastMonthStart),
      vn(addDays(lastMonthEnd, 1)),
    ]),
  ),
);
results.push(
  await timeRoute(
    "call log, first page: one agency, a year",
    100,
    list({ agencyId, from: yearStart, to: day }),
    RUNS,
    pageBare("agency_id = $3 AND started_at >= $1 AND started_at < $2", [vn(yearStart), vn(addDays(day, 1)), agencyId], {
      from: yearStart,
      to: day,
      also: `agency_key = ${agencyId}`,
    }),
  ),
);
results.push(
  await timeRoute(
    "call search by full phone number (typed in local form)",
    50,
    list({ caller: typed }),
    Math.min(RUNS, 15 * (cookies.length - 1)),
    pageBare("caller = $1", [caller]),
  ),
);

const pad = (text: string, width: number) => (text.length >= width ? text : text + " ".repeat(width - text.length));
console.log(`\n${pad("query (through the HTTP route, admin)", 78)} median ms   p95 ms  target   bare median/p95 ms`);
let missed = 0;
for (const r of results) {
  const ok = r.p95 < r.target;
  if (!ok) missed++;
  console.log(
    `${pad(r.name, 78)} ${r.median.toFixed(1).padStart(9)} ${r.p95.toFixed(1).padStart(8)} ${`< ${r.target}`.padStart(7)}   ${
      r.bare ? `${r.bare.median.toFixed(1)} / ${r.bare.p95.toFixed(1)}` : "—"
    }   ${ok ? "met" : "MISSED"}`,
  );
}
const server = (await client.query<{ server_version: string }>("SHOW server_version")).rows[0]?.server_version;
console.log(
  `\n${CALLS.toLocaleString("en")} calls; ${RUNS} runs each after one warm-up; ${cpus()[0]?.model ?? "?"} × ${cpus().length}, ` +
    `${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, PostgreSQL ${server}; load average ${loadavg()
      .map((x) => x.toFixed(1))
      .join(" ")}`,
);
await client.end();
await app.close();
process.exit(missed === 0 ? 0 : 1);
