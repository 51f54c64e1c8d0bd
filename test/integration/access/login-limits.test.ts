// Failed-login limits as an attacker and an owner meet them: guesses are slowed per account and
// address, per address and per account, but a stranger cannot lock an official out, and the
// username and e-mail of one account share its counters. Addresses vary through the socket address.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser, PASSWORD, seedSmallProvince, startTestApp, type TestApp } from "../../helpers/app.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ LOGIN_MAX_FAILURES: "5", LOGIN_ADDRESS_MAX_FAILURES: "20", LOGIN_ACCOUNT_MAX_FAILURES: "100" });
  await seedSmallProvince(t.db);
});
afterAll(() => t.close());

const attempt = (app: TestApp, username: string, password: string, ip: string) =>
  app.app.inject({ method: "POST", url: "/api/auth/login", remoteAddress: ip, payload: { username, password } });

const addUser = (app: TestApp, agencyId: number, username: string, email: string) =>
  createUser(app.db, { username, email, roles: ["viewer"], agencyId });

describe("failed-login limits", () => {
  it("refuses an address that keeps guessing one account, even with the right password, and says when to retry", async () => {
    for (let i = 0; i < 5; i++) expect((await attempt(t, "stp.giamsat", "wrong-password", "10.0.0.1")).statusCode).toBe(401);
    const refused = await attempt(t, "stp.giamsat", PASSWORD, "10.0.0.1");
    expect(refused.statusCode).toBe(429);
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
  });

  it("lets the owner log in from their own address after an attacker made 50 failures from other addresses", async () => {
    for (let i = 0; i < 50; i++) {
      const response = await attempt(t, "admin", `guess-${i}`, `10.1.${Math.floor(i / 5)}.1`);
      expect(response.statusCode).toBe(401);
    }
    // The attacker's own addresses are refused for this account…
    expect((await attempt(t, "admin", "guess-50", "10.1.0.1")).statusCode).toBe(429);
    // …but the owner, elsewhere, gets in.
    expect((await attempt(t, "admin", PASSWORD, "192.168.7.20")).statusCode).toBe(200);
  });

  it("refuses one address that sweeps many accounts, and not the other addresses", async () => {
    for (let i = 0; i < 20; i++) expect((await attempt(t, `khong-co-${i}`, "wrong-password", "10.9.9.9")).statusCode).toBe(401);
    expect((await attempt(t, "quynhon.nv1", PASSWORD, "10.9.9.9")).statusCode).toBe(429);
    expect((await attempt(t, "quynhon.nv1", PASSWORD, "10.9.9.10")).statusCode).toBe(200);
  });

  it("counts an IPv6 client per /64 network, since it can rotate through its addresses", async () => {
    for (let i = 1; i <= 5; i++) expect((await attempt(t, "lanhdao.xem", "wrong-password", `2001:db8:1:2::${i}`)).statusCode).toBe(401);
    expect((await attempt(t, "lanhdao.xem", PASSWORD, "2001:db8:1:2:ffff::9")).statusCode).toBe(429);
    expect((await attempt(t, "lanhdao.xem", PASSWORD, "2001:db8:1:3::1")).statusCode).toBe(200);
  });

  it("never answers 500 to a NUL byte or lone surrogate in the identifier, and never lets it guess unlimited", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await attempt(t, "admin\u0000", "wrong", "10.3.3.3")).statusCode);
    statuses.push((await attempt(t, "admin\ud800", "wrong", "10.3.3.3")).statusCode);
    // 401 then 429 once the limit counts them as an unknown account; 400 where the input rules refuse them first.
    for (const status of statuses) expect([400, 401, 429]).toContain(status);
    expect([400, 429]).toContain(statuses[5]);
  });
});

describe("one account, whatever identifier names it", () => {
  let small: TestApp;
  let agencyId: number;
  beforeAll(async () => {
    small = await startTestApp({ LOGIN_MAX_FAILURES: "5", LOGIN_ADDRESS_MAX_FAILURES: "20", LOGIN_ACCOUNT_MAX_FAILURES: "4" });
    agencyId = (await seedSmallProvince(small.db)).agencies.province.id;
  });
  afterAll(() => small.close());

  it("adds failures by username and by e-mail into one account ceiling, then answers 429 with Retry-After", async () => {
    await addUser(small, agencyId, "ke.toan", "ke.toan@gialai.gov.vn");
    expect((await attempt(small, "ke.toan", "wrong-1", "10.2.0.1")).statusCode).toBe(401);
    expect((await attempt(small, "ke.toan", "wrong-2", "10.2.0.2")).statusCode).toBe(401);
    expect((await attempt(small, "ke.toan@gialai.gov.vn", "wrong-3", "10.2.0.3")).statusCode).toBe(401);
    expect((await attempt(small, "ke.toan@gialai.gov.vn", "wrong-4", "10.2.0.4")).statusCode).toBe(401);
    const slowed = await attempt(small, "ke.toan@gialai.gov.vn", "wrong-5", "10.2.0.5");
    expect(slowed.statusCode).toBe(429);
    expect(Number(slowed.headers["retry-after"])).toBeGreaterThanOrEqual(1);
  });
});
