// A load generator process: N callers at once, each placing calls one after the other like Twilio
// would deliver them (bench/calls/twilio-client.ts), until a number of calls or a duration is reached.
// It runs in its own process (forked by bench/calls/processes.ts) so the server under test shares
// nothing with it but the machine. Protocol over the IPC channel:
//   parent → {type:"run", plan}    child → {type:"ready"} after the unmeasured warm-up
//   parent → {type:"go"}           child → {type:"progress", …} now and then, then {type:"done", result}
import { type CallRecord, type ClientOptions, closeClient, placeCall, type Sample } from "./twilio-client.js";

export interface LoadPlan {
  client: ClientOptions;
  callers: number;
  /** Stop after this many calls in all (measured ones), or… */
  calls?: number;
  /** …start no new call after this many seconds. */
  durationSeconds?: number;
  /** Calls placed before measuring, a few at a time: a running server is warm (JIT, pools, caches). */
  warmupCalls: number;
  progressEverySeconds: number;
}

/** What the parent needs of one call to check the call log: its id, how it went, what should be stored. */
export interface CallSummary {
  callSid: string;
  ok: boolean;
  /** Webhooks of this call that store one event each (all but the whisper and the recording callback). */
  events: number;
}

export interface LoadResult {
  seconds: number;
  /** CPU time the generator itself used while measuring: it shares the machine with the server. */
  cpuMs: number;
  kinds: string[];
  /** Per measured webhook: index into kinds, milliseconds, index into errors or -1. */
  samples: [number, number, number][];
  errors: string[];
  calls: CallSummary[];
  warmup: { calls: number; failed: number };
}

export type ParentMessage = { type: "run"; plan: LoadPlan } | { type: "go" };
export type ChildMessage =
  | { type: "ready" }
  | { type: "progress"; webhooks: number; errors: number; calls: number }
  | { type: "done"; result: LoadResult };

const WITHOUT_EVENT = new Set(["/twilio/voice/whisper", "/twilio/voice/recording-status"]);

function summary(call: CallRecord): CallSummary {
  return { callSid: call.callSid, ok: call.ok, events: call.posts.filter((kind) => !WITHOUT_EVENT.has(kind)).length };
}

async function callers(count: number, next: () => boolean, place: () => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async () => {
      while (next()) await place();
    }),
  );
}

async function run(plan: LoadPlan, go: Promise<void>): Promise<LoadResult> {
  const calls: CallSummary[] = [];
  const warmup = { calls: 0, failed: 0 };
  const warm = async () => {
    const call = await placeCall(plan.client, () => {});
    warmup.calls++;
    if (!call.ok) warmup.failed++;
    calls.push(summary(call));
  };
  // The first call alone (it loads the flow and fills the caches), then a few at a time.
  if (plan.warmupCalls > 0) await warm();
  let left = plan.warmupCalls - 1;
  await callers(Math.min(plan.callers, 10), () => left-- > 0, warm);
  send({ type: "ready" });
  await go;

  const kinds = new Map<string, number>();
  const errors = new Map<string, number>();
  const samples: [number, number, number][] = [];
  let failed = 0;
  const record = (sample: Sample) => {
    const kind = kinds.get(sample.kind) ?? kinds.set(sample.kind, kinds.size).size - 1;
    const error = sample.error === undefined ? -1 : (errors.get(sample.error) ?? errors.set(sample.error, errors.size).size - 1);
    if (error >= 0) failed++;
    samples.push([kind, sample.ms, error]);
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const deadline = plan.durationSeconds === undefined ? Number.POSITIVE_INFINITY : started + plan.durationSeconds * 1000;
  let budget = plan.calls ?? Number.POSITIVE_INFINITY;
  const measured = calls.length;
  const progress = setInterval(
    () => send({ type: "progress", webhooks: samples.length, errors: failed, calls: calls.length - measured }),
    plan.progressEverySeconds * 1000,
  );
  await callers(
    plan.callers,
    () => budget-- > 0 && performance.now() < deadline,
    async () => {
      calls.push(summary(await placeCall(plan.client, record)));
    },
  );
  clearInterval(progress);
  const used = process.cpuUsage(cpu);
  return {
    seconds: (performance.now() - started) / 1000,
    cpuMs: (used.user + used.system) / 1000,
    kinds: [...kinds.keys()],
    samples,
    errors: [...errors.keys()],
    calls,
    warmup,
  };
}

function send(message: ChildMessage): void {
  process.send?.(message);
}

if (process.send) {
  let release: () => void = () => {};
  const go = new Promise<void>((resolve) => {
    release = resolve;
  });
  process.on("message", (message: ParentMessage) => {
    if (message.type === "go") release();
    if (message.type === "run") {
      run(message.plan, go).then(
        (result) => {
          // Disconnect only once the (large) result has gone through the channel.
          process.send?.({ type: "done", result } satisfies ChildMessage, () => {
            closeClient();
            process.disconnect();
          });
        },
        (error: unknown) => {
          console.error(error);
          process.exit(1);
        },
      );
    }
  });
}
