// Counting one request to a short link. Nothing that identifies the person is stored: the row holds
// the link, the time and how it counted. The dedupe remembers a salted hash of the address and
// browser in Redis for the window only, so one citizen opening the link three times, or a phone
// that fetches it twice, counts once.
import { createHash, randomBytes } from "node:crypto";
import type { Redis } from "ioredis";
import type { LinkRequestKind } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { addressKey } from "../../platform/http/address-key.js";
import { classifyRequest } from "./bots.js";

/** Repeats from one address and browser within this window count once. */
export const DEDUPE_WINDOW_SECONDS = 30 * 60;

// Per process: the hashes are not comparable across restarts or with anything else, which is the point.
const SALT = randomBytes(16).toString("hex");

export interface ClickRequest {
  method: string;
  ip: string;
  userAgent: string | undefined;
}

/** Whether this address and browser opened this link within the window; Redis down: not a repeat. */
async function seenRecently(redis: Redis, prefix: string, linkId: number, request: ClickRequest): Promise<boolean> {
  const who = createHash("sha256")
    .update(`${SALT}\n${addressKey(request.ip)}\n${request.userAgent ?? ""}`)
    .digest("base64url")
    .slice(0, 22);
  try {
    const set = await redis.set(`${prefix}:link-click:${linkId}:${who}`, "1", "EX", DEDUPE_WINDOW_SECONDS, "NX");
    return set === null;
  } catch {
    return false;
  }
}

/** Records the request and returns how it counted. */
export async function recordRequest(
  db: Db,
  redis: Redis,
  redisPrefix: string,
  link: { id: number; campaignId: number; recipientId?: number | null },
  request: ClickRequest,
  now: Date,
): Promise<LinkRequestKind> {
  const classified = classifyRequest(request.method, request.userAgent);
  const kind: LinkRequestKind =
    classified === "click" && (await seenRecently(redis, redisPrefix, link.id, request)) ? "repeat" : classified;
  await db.linkRequest.create({
    data: { linkId: link.id, campaignId: link.campaignId, recipientId: link.recipientId ?? null, kind, at: now },
  });
  return kind;
}
