// The seed sets passwords under the console's rule: a weak ADMIN_PASSWORD stops it before anything
// is written, and the password it generates when none is given is one the rule accepts.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApp, type TestApp } from "../../helpers/app.js";
import { ROOT } from "../../helpers/processes.js";

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(() => t.close());

const seed = (env: Record<string, string>) =>
  promisify(execFile)(process.execPath, ["--import", "tsx", "scripts/db-seed.ts"], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: t.database.url, ADMIN_PASSWORD: "", SEED_STAFF_PASSWORD: "", ...env },
  });

describe("npm run db:seed", () => {
  it("refuses a guessable ADMIN_PASSWORD in production and writes nothing", async () => {
    const production = { NODE_ENV: "production", PUBLIC_BASE_URL: "https://tongdai-tthc.gialai.gov.vn", PRIVACY_HASH_KEY: "p".repeat(32) };
    for (const weak of ["password1234", "admin-admin-admin"]) {
      const run = seed({ ...production, ADMIN_PASSWORD: weak });
      await expect(run, weak).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining("ADMIN_PASSWORD is refused") });
    }
    await expect(seed({ ...production, ADMIN_PASSWORD: "dong-lua-chin-vang", SEED_STAFF_PASSWORD: "qwerty123456" })).rejects.toMatchObject({
      stderr: expect.stringContaining("SEED_STAFF_PASSWORD is refused"),
    });
    expect(await t.db.agency.count()).toBe(0);
    expect(await t.db.user.count()).toBe(0);
  });

  it("generates an administrator password the rule accepts and that logs in", async () => {
    const { stdout } = await seed({ NODE_ENV: "development" });
    const password = /generated password: (\S+)/.exec(stdout)?.[1] ?? "";
    expect(password.length).toBeGreaterThanOrEqual(12);
    const response = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { username: "admin", password } });
    expect(response.statusCode).toBe(200);
  });
});
