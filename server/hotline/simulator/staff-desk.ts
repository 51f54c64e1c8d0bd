// The simulator's staff members act on simulated calls through the same desk actions the console
// uses (server/hotline/voice/bridge/actions.ts), as the staff member on the leg: hold, transfer,
// join, hand over, hang up. Who that is comes from the leg (call_legs knows its Twilio sid).
import type { Db } from "../../platform/db/client.js";
import type { BridgeActions } from "../voice/bridge/actions.js";
import type { StaffDesk, StaffLeg, StaffStep } from "./simulated-call.js";

/** How long wait-consult waits for the colleague to pick up and the caller to be in the conference. */
const CONSULT_WAIT_MS = 15_000;

export function simulatedStaffDesk(db: Db, actions: BridgeActions): StaffDesk {
  const whoIsOn = async (leg: StaffLeg) => {
    const row = await db.callLeg.findUnique({ where: { callSid: leg.legCallSid }, select: { callId: true, staffId: true, id: true } });
    if (!row?.staffId) throw new Error("the simulated staff member's leg is not on record");
    return { callId: row.callId, actor: { id: row.staffId }, legId: row.id };
  };
  const consultJoined = async (callId: number, legId: number) => {
    const [consult, call] = await Promise.all([
      db.callLeg.count({ where: { callId, fromLegId: legId, role: "consult", answeredAt: { not: null }, endedAt: null } }),
      db.call.findUnique({ where: { id: callId }, select: { bridge: true } }),
    ]);
    return consult > 0 && (call?.bridge as { callerJoined?: boolean } | null)?.callerJoined === true;
  };
  return {
    async act(leg: StaffLeg, step: StaffStep) {
      const { callId, actor, legId } = await whoIsOn(leg);
      switch (step.do) {
        case "hold":
        case "unhold":
          await actions.hold(callId, actor, step.do === "hold");
          return;
        case "transfer":
          await actions.transfer(callId, actor, { agencyId: step.agencyId, mode: step.mode, reason: step.reason });
          return;
        case "join":
          await actions.join(callId, actor);
          return;
        case "handover":
          await actions.handover(callId, actor);
          return;
        case "hang-up":
          await actions.hangupLeg(callId, actor);
          return;
        case "wait-consult": {
          const deadline = Date.now() + CONSULT_WAIT_MS;
          while (!(await consultJoined(callId, legId))) {
            if (Date.now() > deadline) throw new Error("the consulted staff member never joined");
            await new Promise((resolve) => setTimeout(resolve, 25));
          }
          return;
        }
      }
    },
  };
}
