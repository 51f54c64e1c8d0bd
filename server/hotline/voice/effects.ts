// Turns the interpreter's effects into the call record: its topic, agency, ring start, survey
// answers, callback request and termination reason. The effects themselves stay in the event row.
// All but the callback request are pure and land in the step's one write (call-rows.ts); a callback
// request reads the agency's hours, so a step that makes one runs under the call's lock.

import { afterOpenTimeOf } from "../../agencies/hours/agency-hours.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { CallTermination } from "../../generated/prisma/enums.js";
import type { Effect } from "../ivr/types.js";

type Tx = Prisma.TransactionClient;

/** The call's columns a step may change besides its state (written by call-rows.ts). */
export interface CallPatch {
  topic?: string;
  agencyId?: number;
  ringStartedAt?: Date;
  termination?: CallTermination;
  talkSeconds?: number;
  bridgeEndedAt?: Date;
}

export interface SurveyAnswerWrite {
  question: string;
  value: number;
}

export function callPatch(call: { ringStartedAt: Date | null }, effects: Effect[], now: Date): CallPatch {
  const patch: CallPatch = {};
  for (const effect of effects) {
    if (effect.type === "topic") patch.topic = effect.label;
    if (effect.type === "termination") patch.termination = effect.reason;
    // A caller waiting in an agency's line was offered to it, whether or not anyone was rung.
    if (effect.type === "queue-joined") patch.agencyId = effect.agencyId;
    if (effect.type === "routing") {
      if (effect.agencyId !== null && (effect.decision === "dialing" || effect.decision === "answered")) patch.agencyId = effect.agencyId;
      if (effect.decision === "dialing" && !call.ringStartedAt) patch.ringStartedAt = now;
    }
  }
  return patch;
}

export function surveyAnswers(effects: Effect[]): SurveyAnswerWrite[] {
  return effects.flatMap((effect) => (effect.type === "survey-answer" ? [{ question: effect.question, value: effect.value }] : []));
}

type CallbackEffect = Extract<Effect, { type: "callback-request" }>;

export const callbackRequestOf = (effects: Effect[]): CallbackEffect | undefined =>
  effects.find((effect): effect is CallbackEffect => effect.type === "callback-request");

/** One callback request per call, due within the target's working hours of its agency. */
export async function recordCallbackRequest(
  tx: Tx,
  call: { id: number; caller: string; agencyId: number | null },
  effect: CallbackEffect,
  now: Date,
  targetWorkingHours: number,
  /** A callback chosen while waiting keeps the caller's place in line: when they joined it. */
  placedAt?: Date,
): Promise<void> {
  const agencyId = effect.agencyId ?? call.agencyId ?? (await rootAgencyId(tx));
  if (agencyId === null) return;
  await tx.callbackRequest.upsert({
    where: { callId: call.id },
    create: {
      callId: call.id,
      agencyId,
      phone: call.caller,
      dueAt: await dueTime(tx, agencyId, now, targetWorkingHours),
      placedAt: placedAt ?? now,
    },
    update: {},
  });
}

async function rootAgencyId(tx: Tx): Promise<number | null> {
  return (await tx.agency.findFirst({ where: { parentId: null }, orderBy: { id: "asc" }, select: { id: true } }))?.id ?? null;
}

/**
 * A callback is due once the target's working hours of the agency have passed: a request left in
 * opening hours gives the staff that long (it is not overdue the moment it arrives), one left after
 * hours is counted from the next opening, as Đà Nẵng's 1022 calls back the next morning.
 */
async function dueTime(tx: Tx, agencyId: number, now: Date, targetWorkingHours: number): Promise<Date> {
  return (await afterOpenTimeOf(tx, agencyId, now, targetWorkingHours * 60)) ?? new Date(now.getTime() + 86_400_000);
}
