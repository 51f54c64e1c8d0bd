// Drains the voice journal into the call log in the background, oldest entry first. A pass stops at
// the first failure (the database is most likely still down) and the next pass starts over: replay
// is idempotent, so entries applied twice record nothing twice. An entry that keeps failing while
// others succeed is set aside in a file beside the journal, so one bad entry cannot block the rest.
import { appendFile, mkdir } from "node:fs/promises";
import { dirname } from "node:path";
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../../platform/db/client.js";
import type { JournalItem, VoiceJournal } from "./journal.js";
import { replayEntry } from "./replay.js";

const MAX_ATTEMPTS = 5;

async function databaseAnswers(db: Db): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), 1000);
  });
  const probe = db.$queryRaw`SELECT 1`.then(
    () => true,
    () => false,
  );
  return Promise.race([probe, timeout]).finally(() => clearTimeout(timer));
}

export interface ReplayLoop {
  /** One pass now; resolves with how many entries were applied. */
  runOnce(): Promise<number>;
  stop(): Promise<void>;
}

export function startReplayLoop(options: {
  db: Db;
  journal: VoiceJournal;
  log: FastifyBaseLogger;
  intervalMs: number;
  rejectedFile: string;
  /** True while live voice steps wait for the database: the pass stops and leaves the rest for later. */
  liveCallsWaiting?: () => boolean;
}): ReplayLoop {
  const { db, journal, log } = options;
  const failures = new Map<string, number>();
  let running: Promise<number> | null = null;
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;

  const setAside = async (item: JournalItem, error: unknown) => {
    log.error(
      { kind: item.entry.kind, err: error instanceof Error ? error.message : String(error) },
      "degraded call entry set aside after repeated failures",
    );
    await mkdir(dirname(options.rejectedFile), { recursive: true });
    await appendFile(options.rejectedFile, `${item.raw}\n`);
  };

  const pass = async (): Promise<number> => {
    const items = await journal.pending();
    const applied: JournalItem[] = [];
    try {
      for (const item of items) {
        // Under overload the journal grows fastest; writing it then would take the connections and
        // CPU that calls in progress need, and lengthen the overload. It keeps until they are served.
        if (options.liveCallsWaiting?.()) break;
        const id = `${item.entry.callSid}|${item.entry.key}|${item.entry.at}`;
        try {
          await replayEntry(db, item.entry);
          failures.delete(id);
        } catch (error) {
          // While the database is unreachable every entry fails: that says nothing about the entry.
          if (!(await databaseAnswers(db))) throw error;
          const attempts = (failures.get(id) ?? 0) + 1;
          failures.set(id, attempts);
          if (attempts < MAX_ATTEMPTS) throw error;
          await setAside(item, error);
          failures.delete(id);
        }
        applied.push(item);
      }
    } catch (error) {
      log.warn(
        { waiting: items.length - applied.length, err: error instanceof Error ? error.message : String(error) },
        "degraded calls not replayed yet",
      );
    } finally {
      await journal.remove(applied, items);
    }
    if (applied.length) log.info({ replayed: applied.length }, "degraded calls written to the call log");
    return applied.length;
  };

  const runOnce = () => {
    running ??= pass().finally(() => {
      running = null;
    });
    return running;
  };

  const schedule = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      runOnce()
        .catch((error: unknown) =>
          log.error({ err: error instanceof Error ? error.message : String(error) }, "degraded call replay failed"),
        )
        .finally(schedule);
    }, options.intervalMs);
  };
  schedule();

  return {
    runOnce,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A pass held by a database that does not answer must not hold the shutdown.
      await Promise.race([running, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    },
  };
}
