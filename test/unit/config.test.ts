import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { ConfigError, DEVELOPMENT_PRIVACY_HASH_KEY, loadConfig, renderEnvExample } from "../../server/config.js";

describe("configuration", () => {
  it("fills documented defaults", () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, REDIS_URL: "redis://127.0.0.1:6379", ADMIN_USERNAME: "admin", CORS_ORIGINS: [] });
    expect(config.TWILIO_ACCOUNT_SID).toBeUndefined();
  });

  it("reports every problem at once", () => {
    let error: unknown;
    try {
      loadConfig({ PORT: "70000", REDIS_URL: "http://x", NODE_ENV: "staging", TWILIO_ACCOUNT_SID: "nope" });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(4);
    expect(problems.join("\n")).toMatch(/PORT must be a whole number from 1 to 65535 \(got "70000"\)/);
    expect(problems.join("\n")).toMatch(/REDIS_URL must be a URL starting with redis:\/\/ or rediss:\/\//);
    expect(problems.join("\n")).toMatch(/NODE_ENV must be one of development, test, production/);
    expect(problems.join("\n")).toMatch(/TWILIO_ACCOUNT_SID must be AC followed by 32 hex digits/);
  });

  it("requires a public address in production", () => {
    expect(() => loadConfig({ NODE_ENV: "production" })).toThrow(/PUBLIC_BASE_URL must be set/);
    expect(
      loadConfig({ NODE_ENV: "production", PUBLIC_BASE_URL: "https://tongdai.gialai.gov.vn/", PRIVACY_HASH_KEY: "k".repeat(32) })
        .PUBLIC_BASE_URL,
    ).toBe("https://tongdai.gialai.gov.vn");
  });

  it("refuses the development PRIVACY_HASH_KEY in production, and a short one anywhere", () => {
    const production = { NODE_ENV: "production", PUBLIC_BASE_URL: "https://tongdai.gialai.gov.vn" };
    expect(() => loadConfig(production)).toThrow(/PRIVACY_HASH_KEY must be set/);
    expect(loadConfig({ ...production, PRIVACY_HASH_KEY: "s".repeat(32) }).PRIVACY_HASH_KEY).toBe("s".repeat(32));
    expect(() => loadConfig({ PRIVACY_HASH_KEY: "short" })).toThrow(/PRIVACY_HASH_KEY must be at least 32 characters/);
    expect(loadConfig({}).PRIVACY_HASH_KEY).toBe(DEVELOPMENT_PRIVACY_HASH_KEY);
  });

  it("trusts no proxy by default and takes a list of addresses and CIDRs in TRUST_PROXY", () => {
    expect(loadConfig({}).TRUST_PROXY).toEqual([]);
    expect(loadConfig({ TRUST_PROXY: "10.0.0.1, 172.18.0.0/16,::1,fd00::/8,loopback" }).TRUST_PROXY).toEqual([
      "10.0.0.1",
      "172.18.0.0/16",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
    expect(() => loadConfig({ TRUST_PROXY: "true" })).toThrow(/TRUST_PROXY must list IP addresses or CIDRs.*not: true/);
    expect(() => loadConfig({ TRUST_PROXY: "10.0.0.0/33,*" })).toThrow(/not: 10\.0\.0\.0\/33, \*/);
  });

  it("documents every variable in .env.example", () => {
    expect(readFileSync(new URL("../../.env.example", import.meta.url), "utf8")).toBe(renderEnvExample());
  });
});

describe("README", () => {
  it("has every configuration variable in its table", async () => {
    const { variables } = await import("../../server/config.js");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    const missing = Object.keys(variables).filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });
});
