// What a simulated call left behind, for the console and the CLI: the call's record (id, flow
// version, termination, agency) and the routing decisions taken on the way, read from its timeline.
// Also the masking of phone numbers in the simulator's report: dial targets and TwiML name staff phones.

import type { CallOutcome, SimulationStep } from "../../contract/hotline/simulator.js";
import { maskPhone } from "../../phone/mask.js";
import type { Db } from "../../platform/db/client.js";
import type { Effect } from "../ivr/types.js";

export async function callOutcome(db: Db, callSid: string): Promise<CallOutcome | null> {
  const call = await db.call.findUnique({
    where: { callSid },
    include: {
      agency: { select: { id: true, code: true, name: true } },
      flowVersion: { select: { version: true } },
      events: { orderBy: { id: "asc" }, select: { data: true } },
    },
  });
  if (!call) return null;
  const routing = call.events.flatMap((event) => {
    const effects = (event.data as { effects?: Effect[] } | null)?.effects ?? [];
    return effects.flatMap((effect) =>
      effect.type === "routing"
        ? [{ agencyCode: effect.agencyCode, decision: effect.decision, ...(effect.dialStatus ? { dialStatus: effect.dialStatus } : {}) }]
        : [],
    );
  });
  return {
    callId: call.id,
    flowVersionId: call.flowVersionId,
    flowVersion: call.flowVersion?.version ?? null,
    status: call.status,
    termination: call.termination,
    topic: call.topic,
    agency: call.agency,
    routing,
  };
}

const E164_IN_TEXT = /\+[1-9]\d{6,14}/g;

/** A dial target or any text with numbers in it, numbers masked (client identities stay). */
export function maskNumbers(text: string): string {
  return text.replace(E164_IN_TEXT, (number) => maskPhone(number));
}

/** The simulator's steps with every phone number masked: targets, TwiML and what staff hear. */
export function maskedSteps(steps: SimulationStep[]): SimulationStep[] {
  return steps.map((step) => {
    switch (step.type) {
      case "dial":
        return { ...step, targets: step.targets.map(maskNumbers) };
      case "request":
        return {
          ...step,
          twiml: maskNumbers(step.twiml),
          params: Object.fromEntries(Object.entries(step.params).map(([k, v]) => [k, maskNumbers(v)])),
        };
      case "staff":
        return { ...step, action: maskNumbers(step.action) };
      default:
        return step;
    }
  });
}
