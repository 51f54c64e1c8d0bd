// Many simulated calls at once, in real time, so a supervisor can watch the live board fill and empty:
// K staff of one agency are made available, N callers arrive one after the other and reach that agency
// through the menu, staff pick up after their ring time and talk their talk time, some callers press 1
// or hang up while waiting. Each call is the ordinary simulator (signed webhooks through the app,
// marked simulated); the server's dispatcher connects queued callers at their next turn of the wait loop.

import { RINGABLE, ringTargets } from "../../agencies/staff/answer-on.js";
import { announcePresence, choosePresence, type PresenceChanged } from "../../agencies/staff/presence.js";
import type { SimulationStep } from "../../contract/hotline/simulator.js";
import type { Db } from "../../platform/db/client.js";
import { DEMO_HOTLINE } from "./demo-numbers.js";
import {
  type CallerSummary,
  type CallerTimes,
  callerScripts,
  perStaff,
  type ScenarioPlan,
  type StaffSummary,
  summarizeCaller,
} from "./scenario.js";
import { QUEUE_PATH, type SimulatorTransport, simulateCall } from "./simulated-call.js";

export interface ScenarioDeps {
  db: Db;
  transport: SimulatorTransport;
  signingKey: string;
  baseUrl: string;
  /** Numbers the callers call from, one per caller (the last repeated). */
  fromNumbers: string[];
  /** Waited after making staff available, before the first caller: a server in another process caches routing for 3 s. */
  settleMs?: number;
  /** Who made the staff available (presence_changes.changed_by); null for the command line. */
  byUserId?: number | null;
}

export interface ScenarioResult {
  callers: CallerSummary[];
  staff: StaffSummary[];
}

export class ScenarioError extends Error {}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The first `plan.staff` active staff of the agency with a phone, by id. */
export async function scenarioStaff(db: Db, plan: Pick<ScenarioPlan, "agencyCode" | "staff">) {
  const agency = await db.agency.findUnique({ where: { code: plan.agencyCode }, select: { id: true } });
  if (!agency) throw new ScenarioError(`no agency with code ${plan.agencyCode}`);
  const staff = await db.user.findMany({
    where: { agencyId: agency.id, active: true, ...RINGABLE },
    orderBy: { id: "asc" },
    take: plan.staff,
    select: { id: true, name: true, phone: true, answerOn: true },
  });
  if (staff.length < plan.staff) throw new ScenarioError(`the agency has ${staff.length} staff who can be rung, fewer than ${plan.staff}`);
  return staff;
}

export async function runScenario(deps: ScenarioDeps, plan: ScenarioPlan): Promise<ScenarioResult> {
  const { db } = deps;
  const staff = await scenarioStaff(db, plan);
  // Only these K are touched (set available); the agency's other staff keep their state, and if one of
  // them is rung the first of the K's timings stand in for them.
  const changes = await db.$transaction(async (tx) => {
    const out: (PresenceChanged | null)[] = [];
    for (const s of staff) {
      const chosen = await choosePresence(tx, s.id, "available", { byUserId: deps.byUserId ?? null, at: new Date() });
      if (chosen === "on_call") throw new ScenarioError(`${s.name} is on a call`);
      out.push(chosen?.changed ?? null);
    }
    return out;
  });
  announcePresence(changes);
  if (deps.settleMs) await sleep(deps.settleMs);

  const staffSummaries: StaffSummary[] = staff.map((s) => ({ name: s.name, answered: 0, talkedSeconds: 0, callers: [] }));
  const others: StaffSummary = { name: "", answered: 0, talkedSeconds: 0, callers: [] };
  const byTarget = new Map<string, number>();
  staff.forEach((s, i) => {
    const { phone, clientIdentity } = ringTargets(s);
    if (phone) byTarget.set(phone, i);
    if (clientIdentity) byTarget.set(`client:${clientIdentity}`, i);
    if (clientIdentity) byTarget.set(clientIdentity, i);
  });
  let connections = 0;
  const busy = new Set<string>();

  const scripts = callerScripts(plan);
  const runs = scripts.map(async (script, i): Promise<CallerSummary> => {
    await sleep(i * plan.arrivalGapMs);
    const caller = i + 1;
    const times: CallerTimes = { joinedQueueAt: null, leftQueueAt: null };
    let answeredBy: string | null = null;
    let connectionOrder: number | null = null;
    let steps: SimulationStep[] = [];
    let callSid = "";
    let error: string | null = null;
    try {
      const result = await simulateCall(deps.transport, deps.signingKey, deps.baseUrl, {
        from: deps.fromNumbers[Math.min(i, deps.fromNumbers.length - 1)] ?? "",
        to: DEMO_HOTLINE,
        // The menu, then the survey's two questions once the staff member hangs up.
        digits: [...plan.menuKeys, "1", "1"],
        staff: "answer",
        queueDigits: script.queueDigits,
        queueTurnMs: plan.turnSeconds * 1000,
        maxQueueTurns: script.maxQueueTurns,
        onRequest: (path) => {
          if (!path.startsWith(QUEUE_PATH)) return;
          times.joinedQueueAt ??= Date.now();
          times.leftQueueAt = Date.now();
        },
        staffPart: async (targets) => {
          if (times.joinedQueueAt !== null) times.leftQueueAt = Date.now();
          // A person on a call (or picking up another) does not answer a second ring.
          const free = targets.findIndex((target) => !busy.has(target));
          if (free < 0) return { answer: false };
          const target = targets[free] as string;
          busy.add(target);
          const index = byTarget.get(target);
          const who = index === undefined ? others : (staffSummaries[index] as StaffSummary);
          await sleep(perStaff(plan.answerAfterSeconds, index ?? 0) * 1000);
          connectionOrder = ++connections;
          answeredBy = index === undefined ? null : who.name;
          who.callers.push(caller);
          return {
            answer: true,
            target: free,
            talk: async () => {
              const seconds = perStaff(plan.talkSeconds, index ?? 0);
              await sleep(seconds * 1000);
              who.answered += 1;
              who.talkedSeconds += seconds;
              busy.delete(target);
              return seconds;
            },
            notConnected: () => busy.delete(target),
          };
        },
      });
      steps = result.steps;
      callSid = result.callSid;
    } catch (failure) {
      error = (failure as Error).message;
    }
    return { ...summarizeCaller(caller, callSid, script.action, steps, times), answeredBy, connectionOrder, error };
  });
  const callers = await Promise.all(runs);
  return { callers, staff: others.callers.length > 0 ? [...staffSummaries, others] : staffSummaries };
}
