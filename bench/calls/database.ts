// The bench's own database: created fresh, migrated and seeded with the demo data exactly as a new
// deployment is (the seed script in a child process), with the hotline open around the clock so a run
// walks the whole call path whatever the hour, then dropped. Also the check of the call log afterwards.
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { applyMigrations, readMigrations } from "../../server/platform/db/migrate.js";
import { ROOT } from "../../test/helpers/processes.js";
import type { CallSummary } from "./load-generator.js";

export interface BenchDatabase {
  name: string;
  url: string;
  query<T extends pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<T[]>;
  drop(): Promise<void>;
}

async function onDatabase<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function createBenchDatabase(serverUrl: string, publicBaseUrl: string): Promise<BenchDatabase> {
  const name = `tthc_bench_calls_${randomBytes(4).toString("hex")}`;
  const admin = Object.assign(new URL(serverUrl), { pathname: "/postgres" }).toString();
  const url = Object.assign(new URL(serverUrl), { pathname: `/${name}` }).toString();
  await onDatabase(admin, (client) => client.query(`CREATE DATABASE "${name}"`));
  const database: BenchDatabase = {
    name,
    url,
    query: (sql, params) => onDatabase(url, async (client) => (await client.query(sql, params)).rows),
    drop: () => onDatabase(admin, (client) => client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`)).then(() => {}),
  };
  try {
    await applyMigrations(url, await readMigrations(`${ROOT}/prisma/migrations`));
    execFileSync(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: url,
        NODE_ENV: "production",
        PUBLIC_BASE_URL: publicBaseUrl,
        PRIVACY_HASH_KEY: randomBytes(32).toString("base64"),
        ADMIN_PASSWORD: randomBytes(12).toString("hex"),
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await openAroundTheClock(database);
  } catch (error) {
    await database.drop();
    throw error;
  }
  return database;
}

/**
 * Every agency open all week, no holidays, no dated closures; the seed's agents available again, with
 * no after-call work (a staff member on a call is not rung for another: the staff count bounds the
 * calls answered at once).
 */
async function openAroundTheClock(database: BenchDatabase): Promise<void> {
  const always = [{ opens: "00:00", closes: "24:00" }];
  const week = Object.fromEntries([0, 1, 2, 3, 4, 5, 6].map((day) => [day, always]));
  await database.query("UPDATE agencies SET weekly_hours = $1, observe_holidays = false", [JSON.stringify(week)]);
  await database.query("DELETE FROM hours_overrides");
  await database.query("UPDATE agencies SET wrap_up_seconds = 0");
  await database.query(
    "UPDATE users SET presence = 'available', missed_rings = 0, away_reason = NULL, wrap_up_until = NULL, presence_call_id = NULL WHERE presence <> 'offline'",
  );
  const [duty] = await database.query<{ n: number }>(
    "SELECT count(*)::int AS n FROM users WHERE presence = 'available' AND phone IS NOT NULL",
  );
  if (!duty?.n) throw new Error("the seed left no staff member available: calls could not reach a person");
}

export interface CallLogCheck {
  /** Calls the generators placed (CallSids they saw answered at least once). */
  placed: number;
  /** Rows in `calls` for those CallSids. */
  rows: number;
  /** CallSids placed but absent from the log. */
  missing: number;
  /** Answered, ended with status completed, both survey answers and one event per webhook that stores one. */
  complete: number;
  /** CallSids the generators reported as failed (some webhook answered badly). */
  failedCalls: number;
  /** Examples of what an incomplete call looked like, for the report. */
  examples: string[];
}

/** Counts in the database what the run left behind, call by call. */
export async function checkCallLog(database: BenchDatabase, calls: CallSummary[]): Promise<CallLogCheck> {
  const placed = calls.filter((call) => call.callSid !== "");
  const rows = await database.query<{ call_sid: string; status: string; termination: string | null; events: number; answers: number }>(
    `SELECT c.call_sid, c.status, c.termination::text AS termination,
            (SELECT count(*) FROM call_events e WHERE e.call_id = c.id)::int AS events,
            (SELECT count(*) FROM survey_answers s WHERE s.call_id = c.id)::int AS answers
       FROM calls c WHERE c.call_sid = ANY($1::text[])`,
    [placed.map((call) => call.callSid)],
  );
  const bySid = new Map(rows.map((row) => [row.call_sid, row]));
  let complete = 0;
  const examples: string[] = [];
  for (const call of placed) {
    const row = bySid.get(call.callSid);
    const ok = row && row.status === "completed" && row.termination === "answered" && row.answers === 2 && row.events === call.events;
    if (ok) complete++;
    else if (examples.length < 3) {
      examples.push(
        row
          ? `status ${row.status}, termination ${row.termination}, ${row.answers} survey answers, ${row.events} events (expected ${call.events})`
          : "no row",
      );
    }
  }
  return {
    placed: placed.length,
    rows: rows.length,
    missing: placed.filter((call) => !bySid.has(call.callSid)).length,
    complete,
    failedCalls: calls.filter((call) => !call.ok).length,
    examples,
  };
}
