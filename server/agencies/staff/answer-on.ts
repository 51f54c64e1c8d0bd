// Where a staff member's calls ring. "phone": their registered number with the whisper (a key press
// takes the call, so a voicemail never does). "browser": the console's softphone, whose Twilio Client
// identity is derived from the user id, never typed, so nobody can register as someone else's desk.
import { Prisma } from "../../generated/prisma/client.js";
import type { AnswerOn } from "../../generated/prisma/enums.js";

const PREFIX = "staff-";

export function clientIdentityOf(userId: number): string {
  return `${PREFIX}${userId}`;
}

/** The user id of a `staff-<id>` identity, or null for anything else. */
export function staffIdOfIdentity(identity: string): number | null {
  const match = /^staff-([1-9][0-9]{0,9})$/.exec(identity);
  return match ? Number(match[1]) : null;
}

/** What routing dials for a staff member: the phone or the browser, as they chose. */
export function ringTargets(user: { id: number; phone: string | null; answerOn: AnswerOn }): {
  phone: string | null;
  clientIdentity: string | null;
} {
  return user.answerOn === "browser"
    ? { phone: null, clientIdentity: clientIdentityOf(user.id) }
    : { phone: user.phone, clientIdentity: null };
}

/** Where a call the hotline places rings them (a callback, a consult, a listen): `client:<identity>` or the phone. */
export function placedCallTarget(user: { id: number; phone: string | null; answerOn: AnswerOn }): string | null {
  const { phone, clientIdentity } = ringTargets(user);
  return clientIdentity ? `client:${clientIdentity}` : phone;
}

/** Prisma: staff the hotline can ring (a browser choice needs no registered device: routing uses the choice). */
export const RINGABLE = { OR: [{ answerOn: "browser" as const }, { phone: { not: null } }] };

/** SQL over users `u`: the same as RINGABLE. */
export const RINGABLE_SQL = Prisma.sql`(u.answer_on = 'browser' OR u.phone IS NOT NULL)`;

/** SQL over users `u`: the phone rung (null for a browser desk) and the Client identity (null for a phone). */
export const RING_COLUMNS_SQL = Prisma.sql`CASE WHEN u.answer_on = 'phone' THEN u.phone END AS phone,
  CASE WHEN u.answer_on = 'browser' THEN 'staff-' || u.id END AS "clientIdentity"`;
