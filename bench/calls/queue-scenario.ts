// The load benchmark's queue phase: many callers at once to one agency with few staff available, so most
// of them wait in its queue (issue 11). The project's scenario runner (server/hotline/simulator/) places
// them over real HTTP against the servers under test, spread at random like the main load; staff pick up
// and talk in real time, some callers press 1 or hang up while waiting. Reported: the share queued, the
// waits, how the calls ended, and whether any webhook answered 5xx.
import type { CallerSummary } from "../../server/hotline/simulator/scenario.js";
import { runScenario } from "../../server/hotline/simulator/scenario-run.js";
import type { SimulatorTransport } from "../../server/hotline/simulator/simulated-call.js";
import { createDb } from "../../server/platform/db/client.js";

export interface QueuePhase {
  callers: CallerSummary[];
  webhooks: number;
  serverErrors: number;
  seconds: number;
}

const AGENCY = "VPDKDD";
const MENU = ["2", "1"];

export async function runQueuePhase(options: {
  origins: string[];
  databaseUrl: string;
  publicBaseUrl: string;
  signingKey: string;
  callers: number;
  staff: number;
}): Promise<QueuePhase> {
  const db = createDb(options.databaseUrl);
  let webhooks = 0;
  let serverErrors = 0;
  const transport: SimulatorTransport = {
    async post(path, params, signature) {
      const origin = options.origins[Math.floor(Math.random() * options.origins.length)];
      const response = await fetch(`${origin}${path}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": signature },
        body: new URLSearchParams(params).toString(),
      });
      webhooks++;
      if (response.status >= 500) serverErrors++;
      return { status: response.status, body: await response.text() };
    },
  };
  try {
    // Room in the line for everyone, no after-call work, and only the scenario's staff available.
    const agency = await db.agency.update({
      where: { code: AGENCY },
      data: { queueMaxLength: options.callers, queueMaxWaitSeconds: 900, wrapUpSeconds: 0 },
    });
    await db.user.updateMany({ where: { agencyId: agency.id }, data: { presence: "offline" } });
    const started = performance.now();
    const result = await runScenario(
      {
        db,
        transport,
        signingKey: options.signingKey,
        baseUrl: options.publicBaseUrl,
        fromNumbers: Array.from({ length: options.callers }, (_, i) => `+849130${String(i).padStart(5, "0")}`),
        // The servers cache who is available for up to 3 s.
        settleMs: 3500,
      },
      {
        agencyCode: AGENCY,
        menuKeys: MENU,
        callers: options.callers,
        staff: options.staff,
        answerAfterSeconds: [0.2],
        talkSeconds: [2],
        pressOne: Math.floor(options.callers / 10),
        hangUp: Math.floor(options.callers / 10),
        decideAfterSeconds: 3,
        turnSeconds: 1,
        // Spaced a little beyond the ring time, so a staff member being rung is not rung again for the next.
        arrivalGapMs: 300,
        maxWaitSeconds: 600,
      },
    );
    return { callers: result.callers, webhooks, serverErrors, seconds: (performance.now() - started) / 1000 };
  } finally {
    await db.$disconnect();
  }
}

export function printQueuePhase(phase: QueuePhase): boolean {
  const { callers } = phase;
  const queued = callers.filter((c) => c.queued);
  const waits = queued.flatMap((c) => (c.waitedSeconds === null ? [] : [c.waitedSeconds])).sort((a, b) => a - b);
  const at = (q: number) => waits[Math.min(waits.length - 1, Math.floor(q * waits.length))] ?? 0;
  const count = (outcome: CallerSummary["outcome"]) => callers.filter((c) => c.outcome === outcome).length;
  const failed = callers.filter((c) => c.error !== null);
  console.log(`\nqueue phase (${callers.length} callers to ${AGENCY}, ${phase.seconds.toFixed(1)} s, ${phase.webhooks} webhooks):`);
  console.log(`  queued: ${queued.length} of ${callers.length} (${((100 * queued.length) / Math.max(1, callers.length)).toFixed(0)} %)`);
  console.log(`  wait in queue: median ${at(0.5).toFixed(1)} s, p95 ${at(0.95).toFixed(1)} s, max ${(waits.at(-1) ?? 0).toFixed(1)} s`);
  console.log(
    `  outcomes: ${count("answered")} answered, ${count("callback")} callback, ${count("abandoned")} abandoned, ${count("not-answered")} not answered`,
  );
  console.log(`  reached the survey: ${callers.filter((c) => c.reachedSurvey).length} of ${count("answered")} answered`);
  for (const c of failed.slice(0, 5)) console.log(`  caller ${c.caller} failed: ${c.error}`);
  return phase.serverErrors === 0 && failed.length === 0;
}
