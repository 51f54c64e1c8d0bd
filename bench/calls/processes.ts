// The processes of a bench run, each on its own: the hotline server(s) under test started as in
// production, the bare http.Server, and the load generator(s) driven over IPC. Also the resident
// size of a process, read from /proc the way an operator's monitoring would.
import { fork } from "node:child_process";
import { readFileSync } from "node:fs";
import { freePort, type Proc, ROOT, startEntry, startProcess } from "../../test/helpers/processes.js";
import type { ChildMessage, LoadPlan, LoadResult, ParentMessage } from "./load-generator.js";

export interface Target {
  /** Where the load generator sends requests (one origin per process behind the "load balancer"). */
  origins: string[];
  pids: number[];
  /** Warnings and errors the processes logged (pino JSON lines at warn and above). */
  logProblems(): Map<string, number>;
  stop(): Promise<void>;
}

const stopAll = async (procs: Proc[]) => {
  for (const proc of procs) proc.child.kill("SIGTERM");
  await Promise.all(procs.map((proc) => proc.exited(30_000).catch(() => proc.child.kill("SIGKILL"))));
};

/**
 * K hotline servers, each `node --import tsx server/server.ts` on its own port, sharing one database.
 * With cpuProfileDir each writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
 */
export async function startHotline(count: number, env: Record<string, string>, cpuProfileDir?: string): Promise<Target> {
  const procs: Proc[] = [];
  let stopping = false;
  const origins: string[] = [];
  for (let k = 0; k < count; k++) {
    const port = await freePort();
    const serverEnv = { ...env, PORT: String(port), HOST: "127.0.0.1" };
    const profile = cpuProfileDir ? ["--cpu-prof", "--cpu-prof-dir", cpuProfileDir] : [];
    const proc = startProcess(process.execPath, [...profile, "--import", "tsx", "server/server.ts"], serverEnv);
    // A server that dies mid-run would otherwise only show as connection errors: say why it died.
    proc.child.once("exit", (code, signal) => {
      if (stopping) return;
      const text = proc
        .output()
        .split("\n")
        .filter((line) => !line.startsWith("{"))
        .slice(-30)
        .join("\n");
      console.error(`hotline server on port ${port} exited (${code ?? signal}) during the run:\n${text}`);
    });
    procs.push(proc);
    origins.push(`http://127.0.0.1:${port}`);
  }
  try {
    await Promise.all(origins.map((origin, k) => waitReady(`${origin}/readyz`, procs[k] as Proc)));
  } catch (error) {
    await stopAll(procs);
    throw error;
  }
  return {
    origins,
    pids: procs.map((proc) => proc.child.pid ?? 0),
    logProblems: () => problems(procs.map((proc) => proc.output()).join("\n")),
    stop: () => {
      stopping = true;
      return stopAll(procs);
    },
  };
}

/** The bare http.Server of bench/calls/bare-server.ts in its own process. */
export async function startBare(publicBaseUrl: string): Promise<Target> {
  const proc = startEntry("bench/calls/bare-server.ts", { PUBLIC_BASE_URL: publicBaseUrl });
  await proc.waitFor(/listening on \d+/, 30_000);
  const port = /listening on (\d+)/.exec(proc.output())?.[1];
  return {
    origins: [`http://127.0.0.1:${port}`],
    pids: [proc.child.pid ?? 0],
    logProblems: () => new Map(),
    stop: () => stopAll([proc]),
  };
}

async function waitReady(url: string, proc: Proc): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (proc.child.exitCode !== null) throw new Error(`server exited (${proc.child.exitCode}):\n${proc.output()}`);
    const ok = await fetch(url, { signal: AbortSignal.timeout(2000) }).then(
      (response) => response.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`server not ready at ${url} within 60 s:\n${proc.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

function problems(output: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of output.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: string | { code?: string; type?: string } };
      if ((entry.level ?? 0) < 40) continue;
      // The error's code (P2028, ECONNREFUSED…) tells one failure from another; a message is cut short.
      const err = entry.err;
      const cause =
        err === undefined
          ? ""
          : ` (${typeof err === "string" ? err.replace(/\s+/g, " ").trim().slice(0, 90) : (err.code ?? err.type ?? "error")})`;
      const key = `${entry.msg ?? "?"}${cause}`;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    } catch {
      // Not a log line.
    }
  }
  return counts;
}

/** Resident set size of a process in bytes (VmRSS in /proc/<pid>/status), or null once it is gone. */
export function residentBytes(pid: number): number | null {
  try {
    const kib = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1];
    return kib ? Number(kib) * 1024 : null;
  } catch {
    return null;
  }
}

export interface Progress {
  webhooks: number;
  errors: number;
  calls: number;
}

/**
 * Runs the load from `generators` child processes, the callers and calls split between them. Every
 * generator warms up first; measuring starts in all of them together. `onProgress` gets the totals.
 */
export async function runLoad(
  generators: number,
  plan: LoadPlan,
  onProgress: (progress: Progress) => void,
  onMeasuring: () => void = () => {},
): Promise<LoadResult> {
  const share = (total: number, k: number) => Math.floor(total / generators) + (k < total % generators ? 1 : 0);
  const children = Array.from({ length: generators }, () =>
    fork(`${ROOT}/bench/calls/load-generator.ts`, [], { cwd: ROOT, execArgv: ["--import", "tsx"], stdio: "inherit" }),
  );
  const latest = children.map(() => ({ webhooks: 0, errors: 0, calls: 0 }));
  let ready = 0;
  const results = children.map(
    (child, k) =>
      new Promise<LoadResult>((resolve, reject) => {
        child.on("message", (message: ChildMessage) => {
          if (message.type === "ready" && ++ready === generators) {
            onMeasuring();
            for (const c of children) c.send({ type: "go" } satisfies ParentMessage);
          }
          if (message.type === "progress") {
            latest[k] = message;
            // Generators report on the same beat: one line per beat, when the first one reports.
            if (k === 0)
              onProgress(
                latest.reduce((a, b) => ({ webhooks: a.webhooks + b.webhooks, errors: a.errors + b.errors, calls: a.calls + b.calls })),
              );
          }
          if (message.type === "done") resolve(message.result);
        });
        child.on("exit", (code) => reject(new Error(`load generator exited with ${code} before reporting`)));
      }),
  );
  children.forEach((child, k) => {
    const part: LoadPlan = {
      ...plan,
      callers: share(plan.callers, k),
      warmupCalls: share(plan.warmupCalls, k),
      ...(plan.calls === undefined ? {} : { calls: share(plan.calls, k) }),
    };
    child.send({ type: "run", plan: part } satisfies ParentMessage);
  });
  return merge(await Promise.all(results));
}

/** One result from several generators' (their kinds and errors renumbered into one list each). */
function merge(parts: LoadResult[]): LoadResult {
  const kinds: string[] = [];
  const errors: string[] = [];
  const index = (list: string[], value: string) => (list.includes(value) ? list.indexOf(value) : list.push(value) - 1);
  const samples: [number, number, number][] = [];
  for (const part of parts) {
    for (const [kind, ms, error] of part.samples) {
      samples.push([index(kinds, part.kinds[kind] ?? "?"), ms, error < 0 ? -1 : index(errors, part.errors[error] ?? "?")]);
    }
  }
  return {
    seconds: Math.max(...parts.map((p) => p.seconds)),
    cpuMs: parts.reduce((sum, p) => sum + p.cpuMs, 0),
    kinds,
    errors,
    samples,
    calls: parts.flatMap((p) => p.calls),
    warmup: parts.reduce((a, p) => ({ calls: a.calls + p.warmup.calls, failed: a.failed + p.warmup.failed }), { calls: 0, failed: 0 }),
  };
}
