// Starting real processes (the server, the worker, a private redis-server) for tests of what only
// a whole process shows: startup, readiness, shutdown.
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("../..", import.meta.url));

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export interface Proc {
  child: ChildProcess;
  output(): string;
  waitFor(text: string | RegExp, timeoutMs?: number): Promise<void>;
  exited(timeoutMs?: number): Promise<number | null>;
}

export function startProcess(command: string, args: string[], env: Record<string, string>): Proc {
  const child = spawn(command, args, { cwd: ROOT, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    for (const listener of listeners) listener();
  };
  child.stdout?.on("data", onData);
  child.stderr?.on("data", onData);
  const exit = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  return {
    child,
    output: () => output,
    waitFor(text, timeoutMs = 20_000) {
      const seen = () => (typeof text === "string" ? output.includes(text) : text.test(output));
      return new Promise((resolve, reject) => {
        if (seen()) return resolve();
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`timed out waiting for ${text}; output so far:\n${output}`));
        }, timeoutMs);
        const check = () => {
          if (!seen()) return;
          clearTimeout(timer);
          listeners.delete(check);
          resolve();
        };
        listeners.add(check);
        exit.then(() => {
          if (!seen()) {
            clearTimeout(timer);
            reject(new Error(`process exited before ${text}; output:\n${output}`));
          }
        });
      });
    },
    exited(timeoutMs = 20_000) {
      return Promise.race([
        exit,
        new Promise<number | null>((_, reject) =>
          setTimeout(() => reject(new Error(`process did not exit; output:\n${output}`)), timeoutMs),
        ),
      ]);
    },
  };
}

/** Runs a TypeScript entry point of the project the way `npm run dev` does. */
export function startEntry(entry: string, env: Record<string, string>): Proc {
  return startProcess(process.execPath, ["--import", "tsx", entry], env);
}

/** A private redis-server on its own port, which a test may stop and start at will. */
export async function startPrivateRedis(port?: number): Promise<{ url: string; port: number; stop(): Promise<void> }> {
  const chosen = port ?? (await freePort());
  const proc = startProcess("redis-server", ["--port", String(chosen), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"], {});
  await proc.waitFor("Ready to accept connections");
  return {
    url: `redis://127.0.0.1:${chosen}`,
    port: chosen,
    async stop() {
      proc.child.kill("SIGKILL");
      await proc.exited();
    },
  };
}
