// POST /api/simulator/calls: a whole call through the hotline's own webhooks, step by step, and
// what it left in the call log.
import Type from "typebox";
import { Nullable, StringEnum, type WireOf } from "../schema.js";

export const SimulationRequest = Type.Object(
  {
    /** Keys pressed at each successive Gather; "" is silence. When they run out the caller hangs up. */
    digits: Type.Array(Type.String({ pattern: "^[0-9*#]{0,20}$" }), { maxItems: 20 }),
    /** What the first staff member rung does: accept (press 1 and talk), or let it ring out. */
    staff: Type.Union([Type.Literal("answer"), Type.Literal("no-answer")]),
    from: Type.Optional(Type.String({ pattern: "^\\+?[0-9][0-9 .()-]{2,19}$" })),
  },
  { additionalProperties: false },
);
export type SimulationRequest = WireOf<typeof SimulationRequest>;

/** One thing that happened: a webhook request and its TwiML, or what the caller heard, pressed or did. */
export const SimulationStep = Type.Union([
  Type.Object({
    type: Type.Literal("request"),
    path: Type.String(),
    params: Type.Record(Type.String(), Type.String()),
    status: Type.Integer(),
    twiml: Type.String(),
  }),
  Type.Object({ type: Type.Literal("say"), text: Type.String() }),
  Type.Object({ type: Type.Literal("play"), url: Type.String() }),
  Type.Object({ type: Type.Literal("gather"), digits: Type.String() }),
  Type.Object({ type: Type.Literal("dial"), targets: Type.Array(Type.String()) }),
  Type.Object({ type: Type.Literal("staff"), action: Type.String() }),
  Type.Object({ type: Type.Literal("record"), seconds: Type.Number() }),
  Type.Object({ type: Type.Literal("hangup"), by: StringEnum(["caller", "server"]) }),
]);
export type SimulationStep = WireOf<typeof SimulationStep>;

/** A routing decision read from the call's timeline. */
export const RoutingStep = Type.Object({ agencyCode: Type.String(), decision: Type.String(), dialStatus: Type.Optional(Type.String()) });
export type RoutingStep = WireOf<typeof RoutingStep>;

/** The call's record after the simulation: flow version, termination, agency reached and routing. */
export const CallOutcome = Type.Object({
  callId: Type.Integer(),
  flowVersionId: Nullable(Type.Integer()),
  flowVersion: Nullable(Type.Integer()),
  status: Type.String(),
  termination: Nullable(Type.String()),
  topic: Nullable(Type.String()),
  agency: Nullable(Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() })),
  routing: Type.Array(RoutingStep),
});
export type CallOutcome = WireOf<typeof CallOutcome>;

export const SimulationResult = Type.Object({
  callSid: Type.String(),
  callId: Nullable(Type.Integer()),
  steps: Type.Array(SimulationStep),
  outcome: Nullable(CallOutcome),
});
export type SimulationResult = WireOf<typeof SimulationResult>;

/** POST /api/simulator/scenarios: many simulated calls at once, in real time, run in the background. */
export const ScenarioRequest = Type.Object(
  {
    agencyId: Type.Integer({ minimum: 1 }),
    /** The menu keys that lead a caller to that agency. */
    digits: Type.Array(Type.String({ pattern: "^[0-9*#]{0,20}$" }), { minItems: 1, maxItems: 20 }),
    callers: Type.Integer({ minimum: 1, maximum: 30 }),
    staff: Type.Integer({ minimum: 1, maximum: 10 }),
    answerAfterSeconds: Type.Number({ minimum: 0, maximum: 60 }),
    talkSeconds: Type.Number({ minimum: 1, maximum: 600 }),
    pressOne: Type.Integer({ minimum: 0, maximum: 30 }),
    hangUp: Type.Integer({ minimum: 0, maximum: 30 }),
  },
  { additionalProperties: false },
);
export type ScenarioRequest = WireOf<typeof ScenarioRequest>;

export const ScenarioStarted = Type.Object({
  /** Roughly how long the run takes, seconds. */
  expectedSeconds: Type.Integer(),
});
export type ScenarioStarted = WireOf<typeof ScenarioStarted>;
