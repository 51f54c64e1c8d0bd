// Who the client is: the TCP peer, unless the peer is one of the configured proxies (TRUST_PROXY),
// and only then what X-Forwarded-For says. The login limits, the survey-link miss limit and the
// audit log all key on that address, so a client must not be able to choose its own.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, seedSmallProvince, startTestApp, type TestApp } from "../helpers/app.js";

const LIMITS = { LOGIN_ADDRESS_MAX_FAILURES: "5", SURVEY_LINK_MAX_MISSES: "3" };

const login = (t: TestApp, username: string, password: string, remoteAddress: string, forwardedFor?: string) =>
  t.app.inject({
    method: "POST",
    url: "/api/auth/login",
    remoteAddress,
    headers: forwardedFor ? { "x-forwarded-for": forwardedFor } : {},
    payload: { username, password },
  });

const loginAddresses = async (t: TestApp) =>
  (await t.db.auditLog.findMany({ where: { action: "login" }, orderBy: { id: "asc" }, select: { ip: true } })).map((entry) => entry.ip);

describe("without TRUST_PROXY (the default)", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(LIMITS);
    await seedSmallProvince(t.db);
  });
  afterAll(() => t.close());

  it("ignores forged X-Forwarded-For: guesses under invented addresses are counted against the real one", async () => {
    for (let i = 1; i <= 5; i++) {
      expect((await login(t, `doan-${i}`, "wrong-password", "203.0.113.7", `198.51.100.${i}`)).statusCode).toBe(401);
    }
    expect((await login(t, "doan-6", "wrong-password", "203.0.113.7", "198.51.100.6")).statusCode).toBe(429);
  });

  it("writes the real address into the audit log, not the one the client claims", async () => {
    await login(t, "gia-mao", "wrong-password", "203.0.113.8", "8.8.8.8");
    const entry = await t.db.auditLog.findFirst({ where: { action: "login_failed" }, orderBy: { id: "desc" } });
    expect(entry?.ip).toBe("203.0.113.8");
  });

  it("counts survey-link misses against the real address whatever X-Forwarded-For says", async () => {
    const miss = (i: number) =>
      t.app.inject({ url: `/s/${"C".repeat(43)}`, remoteAddress: "203.0.113.9", headers: { "x-forwarded-for": `198.51.100.${i}` } });
    for (let i = 1; i <= 3; i++) expect((await miss(i)).statusCode).toBe(404);
    expect((await miss(4)).statusCode).toBe(429);
  });
});

describe("with TRUST_PROXY=127.0.0.1", () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ ...LIMITS, TRUST_PROXY: "127.0.0.1" });
    await seedSmallProvince(t.db);
  });
  afterAll(() => t.close());

  it("takes the client address from X-Forwarded-For sent by the proxy, and only from it", async () => {
    expect((await login(t, "admin", PASSWORD, "127.0.0.1", "198.51.100.20")).statusCode).toBe(200);
    expect((await login(t, "admin", PASSWORD, "10.0.0.5", "198.51.100.21")).statusCode).toBe(200);
    expect(await loginAddresses(t)).toEqual(["198.51.100.20", "10.0.0.5"]);
  });

  it("limits each citizen behind the proxy separately", async () => {
    for (let i = 1; i <= 5; i++) expect((await login(t, `doan-${i}`, "wrong-password", "127.0.0.1", "198.51.100.30")).statusCode).toBe(401);
    expect((await login(t, "admin", PASSWORD, "127.0.0.1", "198.51.100.30")).statusCode).toBe(429);
    expect((await login(t, "admin", PASSWORD, "127.0.0.1", "198.51.100.31")).statusCode).toBe(200);
  });
});
