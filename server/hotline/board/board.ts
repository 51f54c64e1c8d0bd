// Reads the rows of a live board for a scope (an agency's subtree, or the province) and computes it.
// Four small statements, all on indexed columns; the board includes simulated calls, because the
// simulator is how supervisors rehearse and watch the line fill and empty (the reports leave them out).
import { vietnamInstant } from "../../clock/vietnam-time.js";
import type { PresenceState, QueueOutcome } from "../../contract/enums.js";
import type { BoardValue } from "../../contract/hotline/board.js";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { today } from "../reports/period.js";
import { waitSql } from "../reports/wait.js";
import { computeBoard } from "./compute.js";

export interface BoardScope {
  /** The agency whose subtree is shown, or null for the province. */
  agencyId: number | null;
  agencyName: string | null;
  /** The subtree's agency ids, or null for every agency. */
  agencyIds: number[] | null;
}

export async function readBoard(db: Db, scope: BoardScope, serviceLevelSeconds: number, now = new Date()): Promise<BoardValue> {
  const ids = scope.agencyIds;
  const inScope = (column: string) => (ids ? Prisma.sql`AND ${Prisma.raw(column)} = ANY(${ids}::int[])` : Prisma.empty);
  const dayStart = vietnamInstant(today(now), 0);
  const [waiting, staff, calls, callbacks] = await Promise.all([
    db.$queryRaw<{ entryId: number; agencyId: number; agencyName: string; enqueuedAt: Date; staffId: number | null }[]>`
      SELECT q.id AS "entryId", q.agency_id AS "agencyId", a.name AS "agencyName", q.enqueued_at AS "enqueuedAt", q.staff_id AS "staffId"
      FROM queue_entries q JOIN agencies a ON a.id = q.agency_id
      WHERE q.outcome = 'waiting' ${inScope("q.agency_id")}`,
    db.$queryRaw<{ id: number; name: string; agencyName: string; state: PresenceState; since: Date; awayReason: string | null }[]>`
      SELECT u.id, u.name, a.name AS "agencyName", u.presence::text AS state, u.presence_since AS since, u.away_reason AS "awayReason"
      FROM users u JOIN agencies a ON a.id = u.agency_id
      WHERE u.active AND u.roles && ARRAY['agent', 'supervisor']::"Role"[] ${inScope("u.agency_id")}`,
    db.$queryRaw<{ offered: boolean; answered: boolean; ended: boolean; waitSeconds: number | null; queueOutcome: QueueOutcome | null }[]>`
      SELECT c.agency_id IS NOT NULL AS offered, c.answered_at IS NOT NULL AS answered, c.ended_at IS NOT NULL AS ended,
        ${waitSql("c")} AS "waitSeconds", c.queue_outcome::text AS "queueOutcome"
      FROM calls c
      WHERE c.started_at >= ${dayStart} ${inScope("c.agency_id")}`,
    db.$queryRaw<{ due: number }[]>`
      SELECT count(*)::int AS due FROM callback_requests r
      WHERE r.status = 'open' AND r.due_at <= ${now} ${inScope("r.agency_id")}`,
  ]);
  return computeBoard(
    { agencyId: scope.agencyId, agencyName: scope.agencyName, waiting, staff, calls, callbacksDue: callbacks[0]?.due ?? 0 },
    now,
    serviceLevelSeconds,
  );
}
