// Turns the interpreter's effects into the call record: its topic, agency, ring start, survey
// answers, callback request and termination reason. The effects themselves stay in the event row.

import { nextOpeningOf } from "../../agencies/hours/agency-hours.js";
import type { Prisma } from "../../generated/prisma/client.js";
import type { CallTermination } from "../../generated/prisma/enums.js";
import type { Effect } from "../ivr/types.js";

type Tx = Prisma.TransactionClient;

interface CallRow {
  id: number;
  caller: string;
  agencyId: number | null;
  ringStartedAt: Date | null;
}

/** The call's columns a step may change besides its state (written by server/calls/call-rows.ts). */
export interface CallPatch {
  topic?: string;
  agencyId?: number;
  ringStartedAt?: Date;
  termination?: CallTermination;
  talkSeconds?: number;
  bridgeEndedAt?: Date;
}

export async function applyEffects(tx: Tx, call: CallRow, effects: Effect[], now: Date): Promise<CallPatch> {
  const update: CallPatch = {};
  for (const effect of effects) {
    switch (effect.type) {
      case "topic":
        update.topic = effect.label;
        break;
      case "routing":
        if (effect.agencyId !== null && (effect.decision === "dialing" || effect.decision === "answered")) {
          update.agencyId = effect.agencyId;
        }
        if (effect.decision === "dialing" && !call.ringStartedAt) update.ringStartedAt = now;
        break;
      case "survey-answer":
        await tx.surveyAnswer.upsert({
          where: { callId_question: { callId: call.id, question: effect.question } },
          create: { callId: call.id, question: effect.question, value: effect.value, channel: "ivr" },
          update: {},
        });
        break;
      case "callback-request": {
        const agencyId = effect.agencyId ?? call.agencyId ?? (await rootAgencyId(tx));
        if (agencyId === null) break;
        await tx.callbackRequest.upsert({
          where: { callId: call.id },
          create: { callId: call.id, agencyId, phone: call.caller, dueAt: await dueTime(tx, agencyId, now) },
          update: {},
        });
        break;
      }
      case "termination":
        update.termination = effect.reason;
        break;
      default:
        break;
    }
  }
  return update;
}

async function rootAgencyId(tx: Tx): Promise<number | null> {
  return (await tx.agency.findFirst({ where: { parentId: null }, orderBy: { id: "asc" }, select: { id: true } }))?.id ?? null;
}

/** A callback is due when the agency next opens (now, if it is open), as Đà Nẵng's 1022 does after hours. */
async function dueTime(tx: Tx, agencyId: number, now: Date): Promise<Date> {
  return (await nextOpeningOf(tx, agencyId, now)) ?? new Date(now.getTime() + 86_400_000);
}
