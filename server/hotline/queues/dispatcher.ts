// The dispatcher: gives the oldest waiting caller of an agency to its longest-available staff member.
// Both rows are taken in one transaction with FOR UPDATE SKIP LOCKED, staff first: two dispatchers
// (two staff freeing at once, two server processes, the sweep and a webhook) each hold a different
// staff member and a different caller, so a caller never goes to two staff nor two callers to one,
// and one that finds nobody free stops without having held a caller out of order. The staff member
// is marked on_call for that call in the same transaction, so routing and the next dispatch skip
// them; someone who went away or offline before it is never chosen.
import type { FastifyBaseLogger } from "fastify";
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import type { VoiceApi } from "../../platform/twilio/voice-api.js";
import { AVAILABLE_STAFF, holdForCall } from "./staff-holds.js";

export interface Assignment {
  entryId: number;
  agencyId: number;
  callId: number;
  callSid: string;
  simulated: boolean;
  staffId: number;
}

/** One caller and one staff member of the agency, or null when either is missing. */
export async function assignOne(db: Db, agencyId: number, now: Date): Promise<Assignment | null> {
  return db.$transaction(async (tx) => {
    const staff = await tx.$queryRaw<{ id: number }[]>(Prisma.sql`
      SELECT u.id FROM users u
      WHERE u.agency_id = ${agencyId} AND ${AVAILABLE_STAFF} AND (u.phone IS NOT NULL OR u.client_identity IS NOT NULL)
      ORDER BY u.presence_since, u.id
      LIMIT 1 FOR UPDATE SKIP LOCKED`);
    const member = staff[0];
    if (!member) return null;
    const entries = await tx.$queryRaw<{ id: number; callId: number; callSid: string; simulated: boolean }[]>(Prisma.sql`
      SELECT q.id, q.call_id AS "callId", c.call_sid AS "callSid", c.simulated
      FROM queue_entries q JOIN calls c ON c.id = q.call_id
      WHERE q.agency_id = ${agencyId} AND q.outcome = 'waiting' AND q.staff_id IS NULL AND c.ended_at IS NULL
      ORDER BY q.enqueued_at, q.id
      LIMIT 1 FOR UPDATE OF q SKIP LOCKED`);
    const entry = entries[0];
    if (!entry) return null;
    await tx.$executeRaw`UPDATE queue_entries SET staff_id = ${member.id}, assigned_at = ${now} WHERE id = ${entry.id}`;
    await holdForCall(tx, member.id, entry.callId, now);
    return { entryId: entry.id, agencyId, callId: entry.callId, callSid: entry.callSid, simulated: entry.simulated, staffId: member.id };
  });
}

/** Agencies with callers waiting for a staff member. */
async function agenciesWaiting(db: Db): Promise<number[]> {
  const rows = await db.$queryRaw<{ agencyId: number }[]>`
    SELECT DISTINCT agency_id AS "agencyId" FROM queue_entries WHERE outcome = 'waiting' AND staff_id IS NULL`;
  return rows.map((r) => r.agencyId);
}

export interface DispatcherDeps {
  db: Db;
  /** Twilio's REST API: moves a waiting real call to be connected (simulated calls catch up at their next turn). */
  control: Pick<VoiceApi, "redirect">;
  /** PUBLIC_BASE_URL: where Twilio fetches the connecting TwiML. */
  baseUrl: string;
  log: FastifyBaseLogger;
  /** Told after each assignment (the routing snapshot's staff changed). */
  onAssigned?: (assignment: Assignment) => void;
}

export interface Dispatcher {
  /** Dispatches for these agencies (all with waiting callers when omitted); concurrent runs are safe (SKIP LOCKED). */
  kick(agencyIds?: number[]): Promise<Assignment[]>;
}

export const connectUrl = (baseUrl: string, entryId: number) => `${baseUrl}/twilio/voice/queue/connect?entry=${entryId}`;

export function dispatcher(deps: DispatcherDeps): Dispatcher {
  const dispatchAgency = async (agencyId: number): Promise<Assignment[]> => {
    const made: Assignment[] = [];
    // As many pairs as there are: several staff may have freed up since the last run.
    for (
      let assignment = await assignOne(deps.db, agencyId, new Date());
      assignment;
      assignment = await assignOne(deps.db, agencyId, new Date())
    ) {
      made.push(assignment);
      deps.onAssigned?.(assignment);
      if (!assignment.simulated) await deps.control.redirect(assignment.callSid, connectUrl(deps.baseUrl, assignment.entryId));
    }
    return made;
  };
  return {
    async kick(agencyIds) {
      try {
        const agencies = agencyIds ?? (await agenciesWaiting(deps.db));
        const made: Assignment[] = [];
        for (const agencyId of new Set(agencies)) made.push(...(await dispatchAgency(agencyId)));
        return made;
      } catch (error) {
        // The sweep tries again within a second.
        deps.log.warn({ err: error }, "queue: dispatch failed");
        return [];
      }
    },
  };
}
