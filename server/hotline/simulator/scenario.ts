// Many simulated calls at once (issue 11, part 6), the pure part: what each caller does in the queue
// and what a finished simulated call amounts to. The I/O (presence, timers, webhooks) is in
// scenario-run.ts, so these rules can be read, and tested, without a clock.
import type { SimulationStep } from "../../contract/hotline/simulator.js";
import { QUEUE_PATH } from "./simulated-call.js";

export interface ScenarioPlan {
  /** The agency whose staff are made available; menuKeys must lead a caller to its route. */
  agencyCode: string;
  menuKeys: string[];
  callers: number;
  staff: number;
  /** Ring time before each staff member picks up, seconds: one value per staff member, the last repeated. */
  answerAfterSeconds: number[];
  /** Talk time of each staff member, seconds, the same way. */
  talkSeconds: number[];
  /** How many callers (the last to arrive but the hang-up ones) press 1 for a callback while waiting. */
  pressOne: number;
  /** How many callers (the last to arrive) hang up while waiting. */
  hangUp: number;
  /** How long those callers wait before pressing 1 or hanging up, seconds. */
  decideAfterSeconds: number;
  /** One turn of the wait loop (the hold music's length stands in), seconds. */
  turnSeconds: number;
  /** Time between two callers' arrivals, so the order of arrival is defined, milliseconds. */
  arrivalGapMs: number;
  /** The longest a caller who decides nothing waits before giving up, seconds. */
  maxWaitSeconds: number;
}

export type CallerAction = "wait" | "press-1" | "hang-up";

export interface CallerScript {
  action: CallerAction;
  /** Keys at each turn of the wait loop. */
  queueDigits: string[];
  maxQueueTurns: number;
}

/** The last `hangUp` callers hang up, the `pressOne` before them press 1, the rest wait to be answered. */
export function callerScripts(plan: ScenarioPlan): CallerScript[] {
  const decideTurns = Math.max(1, Math.ceil(plan.decideAfterSeconds / plan.turnSeconds));
  const waitTurns = Math.max(1, Math.ceil(plan.maxWaitSeconds / plan.turnSeconds));
  return Array.from({ length: plan.callers }, (_, i) => {
    const fromEnd = plan.callers - i;
    if (fromEnd <= plan.hangUp) return { action: "hang-up", queueDigits: [], maxQueueTurns: decideTurns };
    if (fromEnd <= plan.hangUp + plan.pressOne) {
      return { action: "press-1", queueDigits: [...Array<string>(decideTurns - 1).fill(""), "1"], maxQueueTurns: waitTurns };
    }
    return { action: "wait", queueDigits: [], maxQueueTurns: waitTurns };
  });
}

/** The value for the i-th staff member from a list where the last value stands for the rest. */
export function perStaff(values: number[], index: number): number {
  return values[Math.min(index, values.length - 1)] ?? 0;
}

export type CallerOutcome = "answered" | "callback" | "abandoned" | "not-answered";

export interface CallerSummary {
  /** 1 for the first to arrive. */
  caller: number;
  callSid: string;
  action: CallerAction;
  queued: boolean;
  /** The first place in line the caller heard, if any. */
  positionHeard: number | null;
  /** Seconds between joining the queue and being rung through (or leaving it); null when never queued. */
  waitedSeconds: number | null;
  outcome: CallerOutcome;
  /** Which staff member answered (their name), if anyone did. */
  answeredBy: string | null;
  /** 1 for the first caller a staff member picked up, and so on; null when nobody did. */
  connectionOrder: number | null;
  reachedSurvey: boolean;
  /** Why the simulated call broke off, if it did (a webhook answering an error). */
  error: string | null;
}

export interface StaffSummary {
  name: string;
  answered: number;
  talkedSeconds: number;
  /** Callers (their arrival numbers) in the order this staff member took them. */
  callers: number[];
}

export interface CallerTimes {
  joinedQueueAt: number | null;
  leftQueueAt: number | null;
}

/** What a finished simulated call amounts to, read from its steps (what the caller heard and did). */
export function summarizeCaller(
  caller: number,
  callSid: string,
  action: CallerAction,
  steps: SimulationStep[],
  times: CallerTimes,
): Omit<CallerSummary, "answeredBy" | "connectionOrder" | "error"> {
  const queued = times.joinedQueueAt !== null;
  const position = steps.flatMap((s) => (s.type === "say" ? [/vị trí số (\d+)/.exec(s.text)?.[1]] : [])).find(Boolean);
  const answeredAt = steps.findIndex((s) => s.type === "staff" && s.action === "pressed 1 and answered");
  const pressedOne = steps.some((s) => s.type === "request" && s.path.startsWith(QUEUE_PATH) && s.params.Digits === "1");
  // The status callback's request comes after it: the last hangup says who ended the call.
  const last = steps.findLast((s) => s.type === "hangup");
  let outcome: CallerOutcome = "not-answered";
  if (answeredAt >= 0) outcome = "answered";
  else if (queued && pressedOne && last?.type === "hangup" && last.by === "server") outcome = "callback";
  else if (queued && last?.type === "hangup" && last.by === "caller") outcome = "abandoned";
  const waited =
    times.joinedQueueAt === null ? null : Math.round(((times.leftQueueAt ?? times.joinedQueueAt) - times.joinedQueueAt) / 100) / 10;
  return {
    caller,
    callSid,
    action,
    queued,
    positionHeard: position ? Number(position) : null,
    waitedSeconds: waited,
    outcome,
    // The survey asks its questions at a Gather after the staff member hung up.
    reachedSurvey: answeredAt >= 0 && steps.slice(answeredAt).some((s) => s.type === "gather"),
  };
}
