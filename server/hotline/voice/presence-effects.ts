// What a call's dial step means for the staff it rang (docs/queues.md, presence): the one who took the
// call ends their leg and goes into after-call work; those rung who let it pass count a missed ring
// (the second in a row sets them away). Applied once, after the step that carries the routing effect
// was written: a Twilio retry of the step is answered from its stored event and never gets here.
import type { FastifyBaseLogger } from "fastify";
import { ringsMissed, staffLegEnded } from "../../agencies/staff/presence.js";
import type { Db } from "../../platform/db/client.js";
import type { DialStatus, Effect } from "../ivr/types.js";
import { endLegs } from "./bridge/legs.js";

/**
 * A ring let pass: nobody pressed the key before the timeout, the phone was busy, or a voicemail took
 * the leg. Not when the caller hung up while it rang (canceled) or the leg could not be placed (failed).
 */
const MISSED: ReadonlySet<DialStatus | undefined> = new Set<DialStatus | undefined>(["no-answer", "busy", "completed"]);

export async function applyDialPresence(db: Db, callId: number, effects: Effect[], at: Date, log: FastifyBaseLogger): Promise<void> {
  const missed: number[] = [];
  const ended: number[] = [];
  for (const effect of effects) {
    if (effect.type !== "routing") continue;
    if (effect.decision === "answered" && effect.staffId !== undefined) ended.push(effect.staffId);
    if (effect.decision === "no-answer" && MISSED.has(effect.dialStatus)) missed.push(...(effect.staffIds ?? []));
  }
  if (missed.length === 0 && ended.length === 0) return;
  try {
    // Their call leg (call_legs) ends with it.
    if (ended.length > 0) await endLegs(db, callId, at, ended);
    await staffLegEnded(db, ended, callId, at);
    await ringsMissed(db, missed, callId, at);
  } catch (error) {
    // The step is written and the caller must hear its answer; the sweep and the call's end catch up.
    log.warn({ callId, err: error instanceof Error ? error.message : String(error) }, "presence after a dial not recorded");
  }
}
