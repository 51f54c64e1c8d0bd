// What a staff member's desk shows of the line right now: the calls ringing them (the screen-pop
// comes before they answer, whether they are rung on the browser or on the phone) and the call they
// are on. Both are read from the calls themselves: the call's state names the staff being rung at
// its current dial, and the call's staff_id the one who took it. A consult or listen rings a person
// on a call already answered: their open leg of it (call_legs) is the offer until they answer, and
// the call they are on afterwards.

import type { PlacedCallbackState } from "../../contract/enums.js";
import type { DeskCallValue as DeskCall, DeskStateValue as DeskState } from "../../contract/hotline/desk.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";

interface Row {
  callId: number;
  agencyId: number | null;
  agencyName: string | null;
  topic: string | null;
  startedAt: Date;
  since: Date | null;
  simulated: boolean;
}

const present = (row: Row): DeskCall => ({ ...row });

/** Calls ringing the staff member now: not ended, not taken by anyone, their id in the dial's list. */
export async function offersFor(db: Db, userId: number): Promise<DeskCall[]> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT c.id AS "callId", c.agency_id AS "agencyId", a.name AS "agencyName", c.topic, c.started_at AS "startedAt",
           c.ring_started_at AS since, c.simulated
    FROM calls c LEFT JOIN agencies a ON a.id = c.agency_id
    WHERE c.ended_at IS NULL
      AND ((c.answered_at IS NULL AND c.state->'ivr'->'route'->'dialing' @> to_jsonb(${userId}::int))
        OR EXISTS (SELECT 1 FROM call_legs l WHERE l.call_id = c.id AND l.staff_id = ${userId}
                     AND l.role IN ('consult', 'listen') AND l.answered_at IS NULL AND l.ended_at IS NULL))
    ORDER BY c.started_at, c.id
    LIMIT 10`);
  return rows.map(present);
}

/** The call the staff member is on: taken by them, not ended (or still theirs in presence). */
export async function currentCallOf(db: Db, userId: number): Promise<DeskCall | null> {
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT c.id AS "callId", c.agency_id AS "agencyId", a.name AS "agencyName", c.topic, c.started_at AS "startedAt",
           c.answered_at AS since, c.simulated
    FROM calls c LEFT JOIN agencies a ON a.id = c.agency_id
    WHERE c.answered_at IS NOT NULL AND c.ended_at IS NULL
      AND ((c.staff_id = ${userId} AND c.bridge_ended_at IS NULL)
        OR EXISTS (SELECT 1 FROM call_legs l WHERE l.call_id = c.id AND l.staff_id = ${userId}
                     AND l.role IN ('consult', 'listen') AND l.answered_at IS NOT NULL AND l.ended_at IS NULL))
    ORDER BY c.answered_at DESC
    LIMIT 1`);
  return rows[0] ? present(rows[0]) : null;
}

export async function deskStateOf(db: Db, userId: number): Promise<DeskState> {
  const [offers, current, user, callback] = await Promise.all([
    offersFor(db, userId),
    currentCallOf(db, userId),
    db.user.findUniqueOrThrow({ where: { id: userId }, select: { presence: true, answerOn: true } }),
    // A callback they placed ("Gọi lại") that is still going on: the desk shows it and its state.
    db.callbackAttempt.findFirst({
      where: { userId, placed: true, endedAt: null },
      orderBy: { id: "desc" },
      select: { id: true, requestId: true, state: true, request: { select: { phone: true } } },
    }),
  ]);
  return {
    offers,
    current,
    presence: user.presence,
    answerOn: user.answerOn,
    callback: callback
      ? {
          attemptId: callback.id,
          requestId: callback.requestId,
          phone: callback.request.phone,
          state: (callback.state ?? "staff_ringing") as PlacedCallbackState,
        }
      : null,
  };
}
