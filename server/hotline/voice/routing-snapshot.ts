// What the IVR interpreter needs to route a call, read from the database in five queries and
// kept for a few seconds: webhooks must answer in well under 100 ms, and an hours change taking
// effect within seconds is what staff expect. Presence changes drop the copy at once (routing-plugin.ts):
// a staff member who just answered must not be rung for the next caller.

import { type AgencyHoursRow, scheduleOf } from "../../agencies/hours/agency-schedule.js";
import { isOpen } from "../../agencies/hours/schedule.js";
import { RINGABLE, ringTargets } from "../../agencies/staff/answer-on.js";
import type { Db } from "../../platform/db/client.js";
import type { AgencySnapshot, IvrEnv } from "../ivr/types.js";

const TTL_MS = 3000;

interface Snapshot {
  at: number;
  byCode: Map<string, AgencySnapshot>;
  byDialCode: Map<string, AgencySnapshot>;
}

export interface RoutingSnapshots {
  env(now: Date): Promise<IvrEnv>;
  invalidate(): void;
}

export function routingSnapshots(db: Db): RoutingSnapshots {
  let current: Snapshot | null = null;
  let loading: Promise<Snapshot> | null = null;
  // Bumped by invalidate(): a load that started before a change must not be kept as fresh.
  let generation = 0;
  let loadingGeneration = -1;
  let currentGeneration = -1;

  async function load(now: Date): Promise<Snapshot> {
    const [agencies, staff, busy, waiting, overrides] = await Promise.all([
      db.agency.findMany({
        select: {
          id: true,
          code: true,
          name: true,
          parentId: true,
          active: true,
          dialCode: true,
          ringStrategy: true,
          ringTimeoutSeconds: true,
          weeklyHours: true,
          observeHolidays: true,
          queueMaxLength: true,
          queueMaxWaitSeconds: true,
          queueWhenNoneAvailable: true,
          holdMusicUrl: true,
          fallback: { select: { code: true } },
        },
      }),
      db.user.findMany({
        where: { active: true, presence: "available", ...RINGABLE },
        select: { id: true, name: true, phone: true, answerOn: true, agencyId: true },
        orderBy: { id: "asc" },
      }),
      db.user.groupBy({ by: ["agencyId"], where: { active: true, presence: { in: ["on_call", "wrap_up"] } }, _count: true }),
      db.queueEntry.groupBy({ by: ["agencyId"], where: { outcome: "waiting" }, _count: true }),
      db.hoursOverride.findMany({
        where: { date: { gte: new Date(now.getTime() - 2 * 86_400_000), lte: new Date(now.getTime() + 2 * 86_400_000) } },
      }),
    ]);
    const hoursRows = new Map<number, AgencyHoursRow>(agencies.map((a) => [a.id, a]));
    const byCode = new Map<string, AgencySnapshot>();
    const byDialCode = new Map<string, AgencySnapshot>();
    const busyByAgency = new Map(busy.map((row) => [row.agencyId, row._count]));
    const waitingByAgency = new Map(waiting.map((row) => [row.agencyId, row._count]));
    for (const agency of agencies) {
      if (!agency.active) continue;
      const snapshot: AgencySnapshot = {
        id: agency.id,
        code: agency.code,
        name: agency.name,
        open: isOpen(scheduleOf(agency.id, hoursRows, overrides), now),
        ringStrategy: agency.ringStrategy,
        ringTimeoutSeconds: agency.ringTimeoutSeconds,
        fallbackCode: agency.fallback?.code ?? null,
        staff: staff.filter((s) => s.agencyId === agency.id).map((s) => ({ id: s.id, name: s.name, ...ringTargets(s) })),
        busyStaff: busyByAgency.get(agency.id) ?? 0,
        queue: {
          maxLength: agency.queueMaxLength,
          maxWaitSeconds: agency.queueMaxWaitSeconds,
          whenNoneAvailable: agency.queueWhenNoneAvailable,
          waiting: waitingByAgency.get(agency.id) ?? 0,
          holdMusicUrl: agency.holdMusicUrl,
        },
      };
      byCode.set(agency.code, snapshot);
      if (agency.dialCode) byDialCode.set(agency.dialCode, snapshot);
    }
    return { at: now.getTime(), byCode, byDialCode };
  }

  return {
    async env(now) {
      // A change during a load makes that load stale: load again, a few times at most under a storm of changes.
      for (let tries = 0; tries < 3; tries++) {
        const fresh = current && currentGeneration === generation && Math.abs(now.getTime() - current.at) <= TTL_MS;
        if (fresh) break;
        if (!loading || loadingGeneration !== generation) {
          loadingGeneration = generation;
          const promise: Promise<Snapshot> = load(now).finally(() => {
            if (loading === promise) loading = null;
          });
          loading = promise;
        }
        const started = loadingGeneration;
        current = await loading;
        currentGeneration = started;
      }
      const snapshot = current as Snapshot;
      return {
        now,
        agency: (code) => snapshot.byCode.get(code),
        agencyByDialCode: (code) => snapshot.byDialCode.get(code),
      };
    },
    invalidate() {
      generation += 1;
      current = null;
    },
  };
}
