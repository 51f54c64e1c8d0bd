// The two yardsticks bench/campaign.ts sets the send engine against (issue 16): BullMQ's own ceiling
// on this machine (no-op jobs through a Worker as concurrent as the send workers), and a rate-limited
// sender's achieved rate and busiest second as the sink's journal recorded them.
import { performance } from "node:perf_hooks";
import { Queue, type QueueOptions, Worker } from "bullmq";

export interface NoopCeiling {
  jobs: number;
  /** From the first completion to the last. */
  seconds: number;
  perSecond: number;
}

/**
 * Adds `jobs` no-op jobs to a queue of their own (in chunks, before any worker runs, so adding is not
 * measured), then times a Worker with `concurrency` through them. The queue is obliterated afterwards.
 */
export async function noopCeiling(options: QueueOptions, name: string, jobs: number, concurrency: number): Promise<NoopCeiling> {
  const queue = new Queue(name, options);
  const CHUNK = 1000;
  for (let added = 0; added < jobs; added += CHUNK) {
    const count = Math.min(CHUNK, jobs - added);
    await queue.addBulk(Array.from({ length: count }, () => ({ name: "noop", data: {}, opts: { removeOnComplete: true } })));
  }
  let first = 0;
  let last = 0;
  let done = 0;
  const worker = new Worker(name, async () => {}, { ...options, concurrency, autorun: false });
  const finished = new Promise<void>((resolve) => {
    const settle = () => {
      const now = performance.now();
      if (done++ === 0) first = now;
      last = now;
      if (done === jobs) resolve();
    };
    // A failed no-op (it cannot throw; Redis might) still ends its turn: the run must not hang on it.
    worker.on("completed", settle);
    worker.on("failed", settle);
  });
  const running = worker.run();
  await finished;
  await worker.close();
  await running;
  await queue.obliterate({ force: true });
  await queue.close();
  const seconds = (last - first) / 1000;
  // n completions span n − 1 intervals.
  return { jobs, seconds, perSecond: seconds > 0 ? (jobs - 1) / seconds : 0 };
}

export interface JournalRate {
  /** Messages with a timestamp in [first, first + seconds). */
  messages: number;
  perSecond: number;
  /** The most messages in any [t, t + 1 s) that starts at a message (so the most in any second at all). */
  busiestSecond: number;
}

/** Rate figures from the sink journal's `at` timestamps (ms since the epoch, any order). */
export function journalRate(ats: readonly number[], seconds: number): JournalRate {
  const sorted = [...ats].sort((a, b) => a - b);
  if (sorted.length === 0) return { messages: 0, perSecond: 0, busiestSecond: 0 };
  const end = (sorted[0] as number) + seconds * 1000;
  const messages = sorted.filter((at) => at < end).length;
  let busiestSecond = 0;
  for (let i = 0, j = 0; i < sorted.length; i++) {
    const until = (sorted[i] as number) + 1000;
    while (j < sorted.length && (sorted[j] as number) < until) j++;
    busiestSecond = Math.max(busiestSecond, j - i);
  }
  return { messages, perSecond: messages / seconds, busiestSecond };
}
