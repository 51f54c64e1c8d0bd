// Look-ups of a complete number by people who see numbers masked (server/phone/access.ts "lookup"):
// each is audited, with the number masked in the log too, and limited per person per hour in Redis,
// so testing a list of numbers one by one is slow and leaves a trail.
import type { Redis } from "ioredis";
import { type PhoneAccess, type PhoneSearch, phoneSearch } from "../../phone/access.js";
import { maskPhone } from "../../phone/mask.js";
import type { Db } from "../db/client.js";
import { invalidField, tooManyRequests } from "../http/errors.js";
import { type AuditEntry, writeAudit } from "./audit.js";

/** Look-ups per person per hour: enough to check a few citizens' records, far too few to sweep. */
export const PHONE_LOOKUPS_PER_HOUR = 20;
const WINDOW_SECONDS = 3600;

export interface PhoneLookup {
  actorId: number;
  /** The resource searched (contacts, suppressions). */
  resource: AuditEntry["resource"];
  /** The filter used. */
  field: string;
  e164: string;
  ip: string;
}

/** Counts the look-up and audits it; 429 once the hour's allowance is used (that one is not served). */
export async function recordPhoneLookup(db: Db, redis: Redis, prefix: string, lookup: PhoneLookup): Promise<void> {
  const key = `${prefix}:phone-lookups:${lookup.actorId}`;
  const results = await redis.pipeline().incr(key).expire(key, WINDOW_SECONDS, "NX").ttl(key).exec();
  const count = Number(results?.[0]?.[1] ?? 0);
  if (count > PHONE_LOOKUPS_PER_HOUR) {
    const ttl = Number(results?.[2]?.[1] ?? WINDOW_SECONDS);
    throw tooManyRequests(
      `Searching by phone number is limited to ${PHONE_LOOKUPS_PER_HOUR} look-ups per hour; try again later`,
      ttl > 0 ? ttl : WINDOW_SECONDS,
    );
  }
  await writeAudit(db, {
    actorId: lookup.actorId,
    action: "search_by_phone",
    resource: lookup.resource,
    after: { filter: lookup.field, phone: maskPhone(lookup.e164) },
    ip: lookup.ip,
  });
}

export interface PhoneSearchContext {
  db: Db;
  redis: Redis;
  redisPrefix: string;
  actorId: number;
  ip: string;
  resource: AuditEntry["resource"];
}

/**
 * The search a filter value may run for this person: refused with the filter named (400 or 403), or
 * counted and audited first when it looks up a complete number behind a mask.
 */
export async function checkedPhoneSearch(
  ctx: PhoneSearchContext,
  access: PhoneAccess,
  field: string,
  text: string,
  options: { alsoText: boolean },
): Promise<Exclude<PhoneSearch, { kind: "refused" }>> {
  const search = phoneSearch(access, field, text, options);
  if (search.kind === "refused") throw invalidField(field, search.reason, search.message, search.status);
  if (search.kind === "exact" && search.audited) {
    await recordPhoneLookup(ctx.db, ctx.redis, ctx.redisPrefix, {
      actorId: ctx.actorId,
      resource: ctx.resource,
      field,
      e164: search.e164,
      ip: ctx.ip,
    });
  }
  return search;
}
