// Vendor credentials of a sender, sealed for the database: AES-256-GCM under SMS_SECRETS_KEY with a
// fresh 96-bit nonce per seal, so the database (and its backups) never hold them in clear text and a
// tampered value fails to open. The key lives only in the environment. Also derives each sender's
// delivery-callback secret from the same key, so nothing guessable and nothing extra is stored.
import { createCipheriv, createDecipheriv, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

const VERSION = "v1";

function keyOf(base64Key: string): Buffer {
  const key = Buffer.from(base64Key, "base64");
  if (key.length !== 32) throw new Error("SMS_SECRETS_KEY must be 32 bytes in base64");
  return key;
}

/** "v1.<nonce>.<tag>.<ciphertext>", base64url parts. */
export function sealSecrets(base64Key: string, secrets: Record<string, string>): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyOf(base64Key), nonce);
  const data = Buffer.concat([cipher.update(JSON.stringify(secrets), "utf8"), cipher.final()]);
  return [VERSION, nonce.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(".");
}

export function openSecrets(base64Key: string, sealed: string): Record<string, string> {
  const [version, nonce, tag, data] = sealed.split(".");
  if (version !== VERSION || !nonce || !tag || data === undefined) throw new Error("sealed secrets: unknown format");
  const decipher = createDecipheriv("aes-256-gcm", keyOf(base64Key), Buffer.from(nonce, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  const clear = Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  return JSON.parse(clear) as Record<string, string>;
}

/** The unguessable path segment of one sender's delivery-callback URL (HMAC-SHA256, 256 bits). */
export function callbackSecret(base64Key: string, senderId: number): string {
  return createHmac("sha256", keyOf(base64Key)).update(`sms-callback:${senderId}`).digest("base64url");
}

/** Constant-time comparison of a presented callback secret with the expected one. */
export function callbackSecretMatches(base64Key: string, senderId: number, presented: string): boolean {
  const expected = Buffer.from(callbackSecret(base64Key, senderId));
  const given = Buffer.from(presented);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
