// One IVR step per webhook, atomically: replay the stored answer if Twilio is retrying, otherwise run
// the interpreter, persist its effects and the new state, and keep the TwiML returned with the event
// so any retry gets exactly the same answer. Usually that is two statements and no transaction: read
// the call, then write the step only if the call is still as read (call-rows.ts). When it is not (a
// copy of the webhook won) or the step needs more than the call's row, the step runs again under the
// call's row lock.
import type { FastifyBaseLogger } from "fastify";
import { announcePresence, choosePresence, type PresenceChanged } from "../../agencies/staff/presence.js";
import { checkPresencePin } from "../../agencies/staff/presence-pin.js";
import type { Call, Prisma } from "../../generated/prisma/client.js";
import { WITHHELD_CALLER } from "../../phone/caller-id.js";
import type { Db } from "../../platform/db/client.js";
import { flowVersion } from "../flows/versions.js";
import { step as runInterpreter } from "../ivr/interpreter.js";
import { renderApology, renderTwiml, type TwimlUrls } from "../ivr/twiml.js";
import type { Effect, IvrEvent } from "../ivr/types.js";
import { applyQueueEffects, type QueueWrites, touchesQueue } from "../queues/effects.js";
import { HOLD_MUSIC_PATH } from "../queues/hold-music.js";
import type { LookupResult, StatusLookupName } from "../status-lookup/adapter.js";
import { lookupWithin, type StatusLookups } from "../status-lookup/registry.js";
import type { CallLocks } from "./call-lock.js";
import { insertCall, insertCallAtFirstStep, type NewCall, readStep, type StepWrite, storedAnswer, writeStep } from "./call-rows.js";
import { FINAL_CALL_STATUSES, storedState } from "./call-state.js";
import type { Deadline } from "./deadline.js";
import { callbackRequestOf, callPatch, recordCallbackRequest, surveyAnswers } from "./effects.js";
import { applyDialPresence } from "./presence-effects.js";
import type { RecentCalls } from "./recent-calls.js";
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
  recent: RecentCalls;
  snapshots: RoutingSnapshots;
  baseUrl: string;
  /** CALLBACK_TARGET_WORKING_HOURS: when a callback request left in a voicemail falls due. */
  callbackTargetHours: number;
  log: FastifyBaseLogger;
  /** After a step's queue writes committed: dispatch, refresh the routing snapshot. */
  afterQueueWrites?: (writes: QueueWrites) => void;
  /** The status adapters a flow's lookup node may name (case status by phone). */
  lookups: StatusLookups;
}

export function twimlUrls(baseUrl: string, step: number): TwimlUrls {
  const voice = `${baseUrl}/twilio/voice`;
  return {
    gather: `${voice}/gather?s=${step}`,
    dialAction: `${voice}/dial?s=${step}`,
    whisper: (staffId) => `${voice}/whisper?s=${step}&staff=${staffId}`,
    clientAnswered: (staffId) => `${voice}/client-answered?s=${step}&staff=${staffId}`,
    recordAction: `${voice}/record?s=${step}`,
    recordingStatus: `${voice}/recording-status`,
    queueWait: `${voice}/queue/wait?s=${step}`,
    holdMusic: `${baseUrl}${HOLD_MUSIC_PATH}`,
  };
}

type Flow = Awaited<ReturnType<typeof flowVersion>>;
type Tx = Prisma.TransactionClient;
type Env = Awaited<ReturnType<RoutingSnapshots["env"]>>;

/** What a step decided, from the call as read: nothing is written yet. Its TwiML is `write.response`. */
interface Decision {
  write: Omit<StepWrite, "callId">;
  effects: Effect[];
  callback: ReturnType<typeof callbackRequestOf>;
  /** The step writes queue entries or presence: it needs the call's lock and a transaction. */
  queue: boolean;
}

/** What the step reads of the call. */
type CallView = Pick<Call, "state" | "staffId" | "answeredAt" | "ringStartedAt">;

/** Runs the interpreter on the call as it stands and renders its answer; no I/O. */
function decide(deps: StepDeps, flow: NonNullable<Flow>, env: Env, call: CallView, request: StepRequest): Decision {
  const stored = storedState(call.state);
  const event =
    request.event.type === "dial-ended" ? withAcceptedStaff(request.event, call.staffId, call.answeredAt, stored) : request.event;
  const result = runInterpreter(flow.bundle, stored.ivr, event, env);
  const next = request.step + 1;
  const patch = callPatch(call, result.effects, request.now);
  if (event.type === "dial-ended" && event.acceptedStaffId !== null) {
    patch.talkSeconds = event.durationSeconds;
    patch.bridgeEndedAt = request.now;
  }
  return {
    effects: result.effects,
    callback: callbackRequestOf(result.effects),
    queue: touchesQueue(result.effects),
    write: {
      kind: request.kind,
      dedupeKey: dedupeKeyOf(request),
      data: { ...request.data, effects: result.effects },
      response: renderTwiml(result.actions, twimlUrls(deps.baseUrl, next)),
      at: request.now,
      state: { step: next, ivr: result.state },
      patch,
      answers: surveyAnswers(result.effects),
    },
  };
}

const dedupeKeyOf = (request: StepRequest) => `${request.kind}:${request.step}`;
const waitingFor = (call: Call, step: number) =>
  storedState(call.state).step === step && !call.endedAt && !FINAL_CALL_STATUSES.has(call.status);

/**
 * A call's first step, written together with the call in one statement. Copies of the incoming
 * webhook that lose the race (or a first step that needs the lock) take the ordinary path.
 */
export async function runFirstStep(deps: StepDeps, call: NewCall, request: StepRequest, deadline: Deadline): Promise<string> {
  const [flow, env] = await Promise.all([flowVersion(deps.db, call.flowVersionId), deps.snapshots.env(request.now)]);
  if (flow) {
    const fresh: CallView = { state: { step: 0, ivr: null }, staffId: null, answeredAt: null, ringStartedAt: null };
    const decision = decide(deps, flow, env, fresh, request);
    if (!decision.callback && !decision.queue) {
      const created = await insertCallAtFirstStep(deps.db, call, decision.write, new Date(deadline.at));
      if (created) {
        deps.recent.keep(created);
        return decision.write.response;
      }
    }
  }
  await insertCall(deps.db, call);
  return runCallStep(deps, request, deadline);
}

export async function runCallStep(deps: StepDeps, request: StepRequest, deadline: Deadline): Promise<string> {
  const { db } = deps;
  // The common case, one statement: this process wrote the call's last step and the call is still as
  // it left it (see recent-calls.ts).
  const remembered = deps.recent.take(request.callSid);
  if (remembered && waitingFor(remembered, request.step)) {
    const answer = await optimisticStep(deps, remembered, request, deadline);
    if (answer !== null) return answer;
  }
  // Before any lock: a retry of a finished step is answered from its event, and the flow version and
  // routing snapshot are loaded now (both cached), so a transaction never needs a second connection.
  const seen = await readStep(db, request.callSid, dedupeKeyOf(request));
  if (!seen) return renderApology();
  if (seen.replay) return seen.replay.response ?? renderApology();
  if (waitingFor(seen.call, request.step)) {
    const answer = await optimisticStep(deps, seen.call, request, deadline);
    if (answer !== null) return answer;
  }
  return lockedStep(deps, seen.call, request, deadline);
}

/** The step computed from the call as read and written only if the call is still so; null when it was not written. */
async function optimisticStep(deps: StepDeps, call: Call, request: StepRequest, deadline: Deadline): Promise<string | null> {
  const [flow, env] = await loadFlowAndEnv(deps, call.flowVersionId, request.now);
  // A staff PIN is checked and its toggle stored with the step, under the call's lock.
  if (!flow || atPresencePin(flow, call, request)) return null;
  const decision = decide(deps, flow, env, call, await withLookup(deps, flow, call, request, deadline));
  if (decision.callback || decision.queue) return null;
  const written = await writeStep(
    deps.db,
    { ...decision.write, callId: call.id },
    { version: call.version, deadline: new Date(deadline.at) },
  );
  if (!written) return null;
  deps.recent.keep(written);
  await applyDialPresence(deps.db, call.id, decision.effects, request.now, deps.log);
  return decision.write.response;
}

/** Both cached in memory: loading them never holds a connection a transaction needs. */
const loadFlowAndEnv = (deps: StepDeps, flowVersionId: number | null, now: Date) =>
  Promise.all([flowVersionId ? flowVersion(deps.db, flowVersionId) : null, deps.snapshots.env(now)]);

/** The step under the call's row lock: when copies race, when the call changed meanwhile, or for a callback request. */
async function lockedStep(deps: StepDeps, seen: Call, request: StepRequest, deadline: Deadline): Promise<string> {
  const dedupeKey = dedupeKeyOf(request);
  const [flow, env] = await loadFlowAndEnv(deps, seen.flowVersionId, request.now);
  // A status look-up runs before the lock (it may call another system): under the lock the step
  // takes the answer found for this request, or looks it up again if the call had moved meanwhile.
  if (flow) await withLookup(deps, flow, seen, request, deadline);
  let queueWrites: QueueWrites | null = null;
  const answer = await deps.locks.withCall(request.callSid, deadline, async (tx, call) => {
    if (!waitingFor(call, request.step)) {
      // A copy of this webhook may have run while this one waited for the lock: the step's event and
      // the state's move past it commit together, so only a call not at this step can have one.
      const previous = await storedAnswer(tx, call.id, dedupeKey);
      if (previous) return previous.response ?? renderApology();
    }
    if (!flow || !waitingFor(call, request.step)) {
      deps.log.warn(
        { callId: call.id, kind: request.kind, step: request.step, expected: storedState(call.state).step },
        "webhook for a call not waiting for it",
      );
      return renderApology();
    }
    const resolved = atPresencePin(flow, call, request)
      ? await withPresencePin(tx, call.caller ?? WITHHELD_CALLER, request)
      : await withLookup(deps, flow, call, request, deadline);
    const decision = decide(deps, flow, env, call, resolved);
    const writes =
      decision.queue || decision.callback?.inQueue ? await applyQueueEffects(tx, call.id, decision.effects, request.now) : null;
    if (decision.callback) {
      // A live call always has its caller (only a finished call is ever erased).
      await recordCallbackRequest(
        tx,
        { ...call, caller: call.caller ?? WITHHELD_CALLER },
        decision.callback,
        request.now,
        deps.callbackTargetHours,
        writes?.placedAt ?? undefined,
      );
    }
    const toggled = await applyPresenceToggle(tx, call.id, decision.effects, request.now);
    await writeStep(tx, { ...decision.write, callId: call.id });
    queueWrites = writes;
    return { response: decision.write.response, callId: call.id, effects: decision.effects, toggled };
  });
  if (!answer) return renderApology();
  if (typeof answer === "string") return answer;
  if (queueWrites) deps.afterQueueWrites?.(queueWrites);
  announcePresence([answer.toggled]);
  await applyDialPresence(deps.db, answer.callId, answer.effects, request.now, deps.log);
  return answer.response;
}

/** The call waits at a staff_presence_pin input and this is its gather (see InputLookup in ivr/flow.ts). */
function atPresencePin(flow: NonNullable<Flow>, call: CallView, request: StepRequest): boolean {
  const ivr = storedState(call.state).ivr;
  if (request.event.type !== "gather" || ivr?.waiting !== "gather") return false;
  const node = flow.bundle.flows[ivr.flow]?.nodes[ivr.node];
  return node?.kind === "input" && node.lookup === "staff_presence_pin";
}

/**
 * The webhook layer's half of the phone toggle: caller ID plus PIN checked before the interpreter runs,
 * the result handed in the event; the digits themselves are never stored.
 */
async function withPresencePin(tx: Tx, caller: string, request: StepRequest): Promise<StepRequest> {
  if (request.event.type !== "gather") return request;
  const digits = request.event.digits;
  const presencePin = digits === "" ? null : await checkPresencePin(tx, caller, digits);
  return { ...request, event: { ...request.event, presencePin }, data: { Digits: digits === "" ? "" : "****" } };
}

/** The status adapter named by the lookup node the call waits at, if this request is its gather. */
function lookupAt(flow: NonNullable<Flow>, call: CallView, request: StepRequest): StatusLookupName | null {
  const ivr = storedState(call.state).ivr;
  if (request.event.type !== "gather" || request.event.digits === "" || ivr?.waiting !== "gather") return null;
  const node = flow.bundle.flows[ivr.flow]?.nodes[ivr.node];
  return node?.kind === "lookup" ? node.lookup : null;
}

/** A look-up gets at most this share of what is left of the step's budget: the step must still be written. */
const LOOKUP_BUDGET_SHARE = 0.5;
/** Answers found per request (the optimistic and the locked paths of one webhook look up once). */
const lookedUp = new WeakMap<StepRequest, Map<string, Promise<LookupResult | null>>>();

/**
 * The webhook layer's half of case status by phone: the keyed digits resolved by the flow's status
 * adapter before the interpreter runs, the answer handed in the gather event (ivr/flow.ts LookupNode).
 */
async function withLookup(deps: StepDeps, flow: NonNullable<Flow>, call: CallView, request: StepRequest, deadline: Deadline) {
  const name = lookupAt(flow, call, request);
  if (name === null || request.event.type !== "gather") return request;
  const digits = request.event.digits;
  const found = lookedUp.get(request) ?? new Map<string, Promise<LookupResult | null>>();
  lookedUp.set(request, found);
  let answer = found.get(name);
  if (!answer) {
    const timeoutMs = Math.floor(deadline.remaining() * LOOKUP_BUDGET_SHARE);
    answer = lookupWithin(deps.lookups, name, digits, request.now, timeoutMs, deps.log);
    found.set(name, answer);
  }
  return { ...request, event: { ...request.event, lookup: await answer } };
}

/** The toggle the interpreter decided, stored in the step's transaction (so a retry never toggles twice). */
async function applyPresenceToggle(tx: Tx, callId: number, effects: Effect[], at: Date): Promise<PresenceChanged | null> {
  const toggle = effects.find((e): e is Extract<Effect, { type: "presence-toggle" }> => e.type === "presence-toggle");
  if (!toggle) return null;
  const chosen = await choosePresence(tx, toggle.staffId, toggle.state, { byUserId: toggle.staffId, at, callId });
  return chosen && chosen !== "on_call" ? chosen.changed : null;
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
