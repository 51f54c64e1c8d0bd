// Figures of a run and how they are printed: throughput, latency percentiles, errors by cause, the
// ratio to the bare server, the per-webhook table, the call log check and the soak's memory.
import type { CallLogCheck } from "./database.js";
import type { LoadResult } from "./load-generator.js";

export interface Figures {
  calls: number;
  webhooks: number;
  seconds: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  errors: number;
  /** The load generators' CPU per webhook, in ms. */
  clientCpuMs: number;
  /** Failed webhooks by cause ("HTTP 500 /twilio/voice/gather": 3). */
  causes: Map<string, number>;
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

function latency(list: number[]) {
  const sorted = Float64Array.from(list).sort();
  const values = Array.from(sorted);
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99), max: values.at(-1) ?? 0 };
}

export function figures(result: LoadResult): Figures {
  const causes = new Map<string, number>();
  for (const [kind, , error] of result.samples) {
    if (error < 0) continue;
    const cause = `${result.errors[error]} ${result.kinds[kind]}`;
    causes.set(cause, (causes.get(cause) ?? 0) + 1);
  }
  const webhooks = result.samples.length;
  const errors = [...causes.values()].reduce((a, b) => a + b, 0);
  return {
    calls: result.calls.length - result.warmup.calls,
    webhooks,
    seconds: result.seconds,
    // Only webhooks answered well count: a fast 500 is no throughput.
    perSecond: (webhooks - errors) / result.seconds,
    ...latency(result.samples.map(([, ms]) => ms)),
    errors,
    clientCpuMs: webhooks > 0 ? result.cpuMs / webhooks : 0,
    causes,
  };
}

const num = (n: number, digits = 1) => n.toFixed(digits).padStart(8);
const HEADER = `${"".padEnd(34)} ${"calls".padStart(7)} ${"webhooks".padStart(8)} ${"ok/s".padStart(8)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)} ${"errors".padStart(7)}`;

function row(label: string, f: Figures): string {
  return `${label.padEnd(34)} ${String(f.calls).padStart(7)} ${String(f.webhooks).padStart(8)} ${num(f.perSecond)} ${num(f.p50)} ${num(f.p95)} ${num(f.p99)} ${num(f.max)} ${String(f.errors).padStart(7)}`;
}

export function printComparison(bare: Figures | null, hotline: Figures, hotlineLabel: string): void {
  console.log(HEADER);
  if (bare) console.log(row("bare http.Server (ceiling)", bare));
  console.log(row(hotlineLabel, hotline));
  const cpu = [bare, hotline].flatMap((f) => (f ? [f.clientCpuMs.toFixed(2)] : [])).join(" and ");
  console.log(`load generator CPU per webhook: ${cpu} ms`);
  if (bare) console.log(`throughput ratio to the ceiling: ${(hotline.perSecond / bare.perSecond).toFixed(2)}`);
  for (const [cause, count] of hotline.causes) console.log(`  error: ${cause} × ${count}`);
}

/** The hotline's webhooks one by one: which step is slow. */
export function printPerWebhook(result: LoadResult): void {
  console.log(
    `\n${"webhook".padEnd(36)} ${"count".padStart(7)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"p99 ms".padStart(8)} ${"max ms".padStart(8)}`,
  );
  result.kinds.forEach((kind, k) => {
    const list = result.samples.filter(([i]) => i === k).map(([, ms]) => ms);
    const l = latency(list);
    console.log(`${kind.padEnd(36)} ${String(list.length).padStart(7)} ${num(l.p50)} ${num(l.p95)} ${num(l.p99)} ${num(l.max)}`);
  });
}

export function printCallLog(check: CallLogCheck, warmupCalls: number): void {
  console.log(
    `\ncall log: ${check.placed} calls placed (${warmupCalls} of them warm-up), ${check.rows} rows in calls, ${check.missing} missing, ` +
      `${check.complete} complete (answered, completed, 2 survey answers, one event per webhook), ${check.placed - check.complete} incomplete`,
  );
  for (const example of check.examples) console.log(`  incomplete: ${example}`);
}

export function printLogProblems(problems: Map<string, number>): void {
  if (problems.size === 0) return;
  console.log("server log, warnings and errors:");
  for (const [message, count] of [...problems].sort((a, b) => b[1] - a[1]).slice(0, 8)) console.log(`  ${count} × ${message}`);
}

export interface MemorySample {
  second: number;
  bytes: number[];
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

/** Resident size per server after warm-up and at the end; flat means within 10 %. Returns whether it was. */
/**
 * Whether each server's memory stayed flat. The resident size of a Node process moves in a sawtooth
 * with garbage collection (tens of MiB within seconds), so one sample says little: the mean over the
 * minute after warm-up is compared with the mean over the last minute, a leak showing as growth.
 */
export function printMemory(samples: MemorySample[], warmupSecond: number): boolean {
  const afterWarmup = samples.filter((s) => s.second >= warmupSecond);
  const end = samples.at(-1);
  if (afterWarmup.length === 0 || !end) {
    console.log("server memory: no samples");
    return false;
  }
  const first = afterWarmup.filter((s) => s.second < (afterWarmup[0]?.second ?? 0) + MEMORY_WINDOW_S);
  const last = afterWarmup.filter((s) => s.second > end.second - MEMORY_WINDOW_S);
  const mean = (window: MemorySample[], k: number) => window.reduce((sum, s) => sum + (s.bytes[k] ?? 0), 0) / window.length;
  console.log("");
  let flat = true;
  end.bytes.forEach((bytes, k) => {
    const base = mean(first, k);
    const now = mean(last, k);
    const peak = Math.max(...samples.map((s) => s.bytes[k] ?? 0));
    const change = base > 0 ? (now - base) / base : 0;
    if (change > 0.1) flat = false;
    console.log(
      `server ${k + 1} RSS: mean ${mib(base)} over the ${MEMORY_WINDOW_S} s after warm-up (${warmupSecond} s), ` +
        `mean ${mib(now)} over the last ${MEMORY_WINDOW_S} s, ${change >= 0 ? "+" : ""}${(change * 100).toFixed(1)} %; ` +
        `samples ${mib(afterWarmup[0]?.bytes[k] ?? 0)} → ${mib(bytes)}, peak ${mib(peak)}`,
    );
  });
  return flat;
}

/** The span of each memory mean: twelve samples at one every five seconds. */
const MEMORY_WINDOW_S = 60;
