// The per-account ceiling against the real Redis: past it, each failure closes the account for twice
// as long as the one before, up to the window; the wait is told, never slept.
import { randomBytes } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { createLoginLimiter, loginAccount } from "../../server/auth/login-limiter.js";
import { clearRedisPrefix, testConfig } from "../helpers/app.js";

const config = testConfig();
const redis = new Redis(config.REDIS_URL);
const prefix = `test-limiter-${randomBytes(4).toString("hex")}`;
afterAll(async () => {
  redis.disconnect();
  await clearRedisPrefix(config.REDIS_URL, prefix);
});

describe("login limiter", () => {
  it("closes an account for a doubling delay past its ceiling, capped at the window", async () => {
    const limiter = createLoginLimiter(redis, prefix, { perAccountAndAddress: 5, perAddress: 1000, perAccount: 10, windowSeconds: 60 });
    const account = loginAccount(42, "ignored");
    const waits: number[] = [];
    for (let failure = 1; failure <= 17; failure++) {
      await limiter.recordFailure(account, `10.8.${failure}.1`);
      waits.push(await limiter.retryAfter(account, "192.0.2.1"));
    }
    expect(waits).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60]);
  });

  it("counts an unknown identifier under its normalised form", () => {
    expect(loginAccount(undefined, "Ke.Toan@GiaLai.gov.vn")).toBe(loginAccount(undefined, "ke.toan@gialai.gov.vn"));
    expect(loginAccount(undefined, "ke.toan")).not.toBe(loginAccount(undefined, "ke.toan2"));
    expect(loginAccount(7, "anything")).toBe("user:7");
  });
});
