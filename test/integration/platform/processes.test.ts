// The two entry points as real processes: configuration errors, readiness, and clean shutdown.
import { request } from "node:http";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MAINTENANCE_QUEUE } from "../../../server/platform/jobs/queues.js";
import { clearRedisPrefix, testConfig } from "../../helpers/app.js";
import { createTestDatabase, type TestDatabase } from "../../helpers/database.js";
import { freePort, startEntry, startPrivateRedis } from "../../helpers/processes.js";

let database: TestDatabase;
const prefix = `test-proc-${process.pid}`;
const redisUrl = testConfig().REDIS_URL;

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await clearRedisPrefix(redisUrl, prefix);
  await database.drop();
});

const env = (extra: Record<string, string> = {}) => ({
  NODE_ENV: "test",
  LOG_LEVEL: "info",
  DATABASE_URL: database.url,
  REDIS_PREFIX: prefix,
  ...extra,
});

describe("configuration", () => {
  it("stops the process with one message listing every problem", async () => {
    const proc = startEntry("server/server.ts", env({ PORT: "abc", DATABASE_URL: "mysql://x", REDIS_PREFIX: "a:b" }));
    expect(await proc.exited()).toBe(78);
    const output = proc.output();
    expect(output).toContain("Invalid configuration");
    expect(output).toContain("PORT must be a whole number");
    expect(output).toContain("DATABASE_URL must be a URL starting with postgresql://");
    expect(output).toContain("REDIS_PREFIX must be");
  });
});

describe("HTTP server process", () => {
  it("finishes a request in flight on SIGTERM, then exits 0", async () => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const proc = startEntry("server/server.ts", env({ PORT: String(port), HOST: "127.0.0.1", PUBLIC_BASE_URL: base }));
    await proc.waitFor("Server listening");

    // A login whose body is still arriving when SIGTERM comes: the server must still answer it.
    const body = JSON.stringify({ username: "nobody", password: "wrong-password" });
    const response = new Promise<number>((resolve, reject) => {
      const req = request(
        {
          port,
          host: "127.0.0.1",
          method: "POST",
          path: "/api/auth/login",
          headers: { "content-type": "application/json", "content-length": body.length, origin: base },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on("error", reject);
      req.write(body.slice(0, 10));
      setTimeout(() => {
        proc.child.kill("SIGTERM");
        setTimeout(() => req.end(body.slice(10)), 300);
      }, 200);
    });

    expect(await response).toBe(401);
    expect(await proc.exited()).toBe(0);
    expect(proc.output()).toContain("shut down cleanly");
  });

  it("starts while Redis is down, reports it, and becomes ready when Redis comes up", async () => {
    const port = await freePort();
    const redisPort = await freePort();
    const proc = startEntry(
      "server/server.ts",
      env({ PORT: String(port), HOST: "127.0.0.1", REDIS_URL: `redis://127.0.0.1:${redisPort}` }),
    );
    await proc.waitFor("Server listening");
    const readyz = async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).status;
    expect(await readyz()).toBe(503);

    const redis = await startPrivateRedis(redisPort);
    try {
      let status = 0;
      for (let i = 0; i < 100 && status !== 200; i++) {
        status = await readyz();
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(status).toBe(200);
    } finally {
      proc.child.kill("SIGTERM");
      expect(await proc.exited()).toBe(0);
      await redis.stop();
    }
  });
});

describe("worker process", () => {
  it("registers its scheduled jobs, runs them, and exits 0 on SIGTERM", async () => {
    const proc = startEntry("server/worker.ts", env());
    await proc.waitFor("worker ready");
    const queue = new Queue(MAINTENANCE_QUEUE, { connection: { url: redisUrl }, prefix });
    try {
      const schedulers = await queue.getJobSchedulers();
      expect(schedulers.map((s) => s.key)).toContain("purge-expired-sessions");
      // The first run of a repeating job starts at once: the worker must complete it.
      await proc.waitFor('"job":"purge-expired-sessions"');
      expect(proc.output()).toContain("job completed");
      // Overdue cases are raised every 15 minutes (server/hotline/cases/escalation.ts); the case SMS have their queue.
      expect(schedulers.map((s) => s.key)).toContain("escalate-cases");
      await proc.waitFor('"job":"escalate-cases"');
      expect(proc.output()).toContain('"cases"');
    } finally {
      await queue.close();
    }
    proc.child.kill("SIGTERM");
    expect(await proc.exited()).toBe(0);
    expect(proc.output()).toContain("shut down cleanly");
  });
});
