// Survey links: a random 256-bit token goes into the SMS; only its SHA-256 is stored (as the row's
// id), so a database leak gives no usable link, and lookups go by hash, never by the raw token.
import { createHash, randomBytes } from "node:crypto";

export const SURVEY_LINK_TTL_MS = 7 * 24 * 3600 * 1000;

export function newSurveyToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashSurveyToken(token) };
}

export function hashSurveyToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** 32 bytes in base64url: exactly 43 characters of the URL-safe alphabet. */
export const SURVEY_TOKEN_PATTERN = "^[A-Za-z0-9_-]{43}$";

export function surveyUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/s/${token}`;
}

/** Unaccented (GSM-7) so every gateway takes it and it fits one 160-character segment. */
export function surveySmsText(url: string): string {
  return `Tong dai TTHC Gia Lai: moi ong/ba danh gia cuoc goi: ${url}`;
}
