// One IVR step per webhook, atomically: lock the call, replay the stored answer if Twilio is
// retrying, otherwise run the interpreter, persist its effects and the new state, and keep the
// TwiML returned with the event so any retry gets exactly the same answer.
import type { FastifyBaseLogger } from "fastify";
import type { Db } from "../../platform/db/client.js";
import { flowVersion } from "../flows/versions.js";
import { step as runInterpreter } from "../ivr/interpreter.js";
import { renderApology, renderTwiml, type TwimlUrls } from "../ivr/twiml.js";
import type { IvrEvent } from "../ivr/types.js";
import type { CallLocks } from "./call-lock.js";
import { knownStep, storedAnswer, writeStep } from "./call-rows.js";
import { FINAL_CALL_STATUSES, storedState } from "./call-state.js";
import type { Deadline } from "./deadline.js";
import { applyEffects } from "./effects.js";
import type { RoutingSnapshots } from "./routing-snapshot.js";

export interface StepRequest {
  callSid: string;
  /** Which webhook: incoming, gather, dial, record. */
  kind: string;
  /** The step number the URL carried. */
  step: number;
  event: IvrEvent;
  /** What is worth keeping of the request for the timeline (never the caller's number). */
  data: Record<string, unknown>;
  now: Date;
}

export interface StepDeps {
  db: Db;
  locks: CallLocks;
  snapshots: RoutingSnapshots;
  baseUrl: string;
  log: FastifyBaseLogger;
}

export function twimlUrls(baseUrl: string, step: number): TwimlUrls {
  const voice = `${baseUrl}/twilio/voice`;
  return {
    gather: `${voice}/gather?s=${step}`,
    dialAction: `${voice}/dial?s=${step}`,
    whisper: (staffId) => `${voice}/whisper?s=${step}&staff=${staffId}`,
    recordAction: `${voice}/record?s=${step}`,
    recordingStatus: `${voice}/recording-status`,
  };
}

export async function runCallStep(deps: StepDeps, request: StepRequest, deadline: Deadline): Promise<string> {
  const { db, log } = deps;
  const dedupeKey = `${request.kind}:${request.step}`;
  // Before any lock: a retry of a finished step is answered from its event, and the flow version and
  // routing snapshot are loaded now (both cached), so the transaction never needs a second connection.
  const known = await knownStep(db, request.callSid, dedupeKey);
  if (!known) return renderApology();
  if (known.replay) return known.replay.response ?? renderApology();
  const [flow, env] = await Promise.all([
    known.flowVersionId ? flowVersion(db, known.flowVersionId) : null,
    deps.snapshots.env(request.now),
  ]);

  const answer = await deps.locks.withCall(request.callSid, deadline, async (tx, call) => {
    const stored = storedState(call.state);
    if (stored.step !== request.step || call.endedAt || FINAL_CALL_STATUSES.has(call.status)) {
      // A copy of this webhook may have run while this one waited for the lock: the step's event and
      // the state's move past it commit together, so only a call not at this step can have one.
      const previous = await storedAnswer(tx, call.id, dedupeKey);
      if (previous) return previous.response ?? renderApology();
    }
    if (!flow || stored.step !== request.step || call.endedAt || FINAL_CALL_STATUSES.has(call.status)) {
      log.warn({ callId: call.id, kind: request.kind, step: request.step, expected: stored.step }, "webhook for a call not waiting for it");
      return renderApology();
    }

    const event =
      request.event.type === "dial-ended" ? withAcceptedStaff(request.event, call.staffId, call.answeredAt, stored) : request.event;
    const result = runInterpreter(flow.bundle, stored.ivr, event, env);
    const next = request.step + 1;
    const twiml = renderTwiml(result.actions, twimlUrls(deps.baseUrl, next));
    const patch = await applyEffects(tx, call, result.effects, request.now);
    if (event.type === "dial-ended" && event.acceptedStaffId !== null) {
      patch.talkSeconds = event.durationSeconds;
      patch.bridgeEndedAt = request.now;
    }
    await writeStep(tx, {
      callId: call.id,
      kind: request.kind,
      dedupeKey,
      data: { ...request.data, effects: result.effects },
      response: twiml,
      at: request.now,
      state: { step: next, ivr: result.state },
      patch,
    });
    return twiml;
  });
  return answer ?? renderApology();
}

/** The staff member who accepted in the whisper, if they were one of those this dial rang. */
function withAcceptedStaff(
  event: Extract<IvrEvent, { type: "dial-ended" }>,
  staffId: number | null,
  answeredAt: Date | null,
  stored: ReturnType<typeof storedState>,
): IvrEvent {
  const rung = stored.ivr?.route?.dialing ?? [];
  const accepted = staffId !== null && answeredAt !== null && rung.includes(staffId) ? staffId : null;
  return { ...event, acceptedStaffId: accepted };
}
