// What the IVR interpreter needs to route a call, read from the database in five queries and
// kept for a few seconds: webhooks must answer in well under 100 ms, and a duty toggle or an hours
// change taking effect within seconds is what staff expect.

import { type AgencyHoursRow, scheduleOf } from "../../agencies/hours/agency-schedule.js";
import { isOpen } from "../../agencies/hours/schedule.js";
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
        // STAND-IN until presence.ts: on duty and not on a call, in wrap-up or away (the seed leaves
        // staff on duty "offline"; the dispatcher counts them the same way, queues/presence-stand-in.ts).
        where: {
          active: true,
          onDuty: true,
          presence: { in: ["available", "offline"] },
          OR: [{ phone: { not: null } }, { clientIdentity: { not: null } }],
        },
        select: { id: true, name: true, phone: true, clientIdentity: true, agencyId: true },
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
        staff: staff
          .filter((s) => s.agencyId === agency.id)
          .map(({ id, name, phone, clientIdentity }) => ({ id, name, phone, clientIdentity })),
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
      if (!current || Math.abs(now.getTime() - current.at) > TTL_MS) {
        loading ??= load(now).finally(() => {
          loading = null;
        });
        current = await loading;
      }
      const snapshot = current;
      return {
        now,
        agency: (code) => snapshot.byCode.get(code),
        agencyByDialCode: (code) => snapshot.byDialCode.get(code),
      };
    },
    invalidate() {
      current = null;
    },
  };
}
