import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { startPrivateRedis } from "../../helpers/processes.js";

let t: TestApp;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;

beforeAll(async () => {
  redis = await startPrivateRedis();
  t = await startTestApp({ REDIS_URL: redis.url });
});
afterAll(async () => {
  await t.close();
  await redis.stop();
});

async function readyz() {
  const response = await t.app.inject({ url: "/readyz" });
  return { status: response.statusCode, body: response.json() };
}

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (accept(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("health and readiness", () => {
  it("is ready when PostgreSQL and Redis both answer", async () => {
    const ready = await eventually(readyz, (r) => r.status === 200);
    expect(ready).toMatchObject({ status: 200, body: { status: "ok", down: [] } });
  });

  it("answers 503 naming Redis while Redis is down, stays alive, and recovers when Redis returns", async () => {
    await redis.stop();
    const down = await eventually(readyz, (r) => r.status === 503);
    expect(down.status).toBe(503);
    expect(down.body.down).toEqual(["redis"]);
    expect(down.body.checks.postgres.ok).toBe(true);
    expect((await t.app.inject({ url: "/healthz" })).statusCode).toBe(200);

    redis = await startPrivateRedis(redis.port);
    const back = await eventually(readyz, (r) => r.status === 200);
    expect(back).toMatchObject({ status: 200, body: { down: [] } });
  });

  it("names PostgreSQL when the database is unreachable", async () => {
    const broken = await startTestApp({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/nowhere" });
    try {
      const response = await broken.app.inject({ url: "/readyz" });
      expect(response.statusCode).toBe(503);
      expect(response.json().down).toEqual(["postgres"]);
    } finally {
      await broken.close();
    }
  });
});
