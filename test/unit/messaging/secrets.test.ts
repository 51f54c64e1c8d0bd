// Sealed sender credentials: AES-256-GCM round trip, fresh nonces, tampering detected, and the
// callback secret compared in constant time.
import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { callbackSecret, callbackSecretMatches, openSecrets, sealSecrets } from "../../../server/messaging/secrets.js";

const KEY = randomBytes(32).toString("base64");

describe("sender secrets", () => {
  it("seals and opens, never in clear text, with a fresh nonce each time", () => {
    const sealed = sealSecrets(KEY, { apiKey: "A-KEY-123", secretKey: "S-KEY-456" });
    expect(sealed).not.toContain("A-KEY-123");
    expect(sealed).not.toBe(sealSecrets(KEY, { apiKey: "A-KEY-123", secretKey: "S-KEY-456" }));
    expect(openSecrets(KEY, sealed)).toEqual({ apiKey: "A-KEY-123", secretKey: "S-KEY-456" });
  });

  it("refuses a tampered value or another key", () => {
    const sealed = sealSecrets(KEY, { apiKey: "x" });
    const parts = sealed.split(".");
    const data = Buffer.from(parts[3] ?? "", "base64url");
    data[0] = (data[0] ?? 0) ^ 1;
    expect(() => openSecrets(KEY, [parts[0], parts[1], parts[2], data.toString("base64url")].join("."))).toThrow();
    expect(() => openSecrets(randomBytes(32).toString("base64"), sealed)).toThrow();
    expect(() => sealSecrets("c2hvcnQ=", {})).toThrow(/32 bytes/);
  });

  it("derives one callback secret per sender and checks it", () => {
    expect(callbackSecret(KEY, 1)).not.toBe(callbackSecret(KEY, 2));
    expect(callbackSecret(KEY, 1)).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(callbackSecretMatches(KEY, 1, callbackSecret(KEY, 1))).toBe(true);
    expect(callbackSecretMatches(KEY, 1, callbackSecret(KEY, 2))).toBe(false);
    expect(callbackSecretMatches(KEY, 1, "short")).toBe(false);
  });
});
