// The staff desk (/api/desk): the softphone's token, the calls offered to the signed-in staff member
// (the screen-pop, also pushed on /api/desk/stream as `event: desk`), the call they are on, and a
// call's context: the caller's number, IVR path, topic, wait and this number's history in scope.
import Type from "typebox";
import {
  ANSWER_ON,
  CALLBACK_STATUSES,
  CASE_KINDS,
  CASE_STATES,
  type CaseState,
  type NoteKind,
  PLACED_CALLBACK_STATES,
  PRESENCE_STATES,
} from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";
import { CallNote } from "./call-log.js";

/** A Twilio Voice access token for this user's Client identity, or the simulated device when Twilio is not configured. */
export const DeskToken = Type.Union([
  Type.Object({
    mode: Type.Literal("twilio"),
    token: Type.String(),
    identity: Type.String(),
    /** When the token stops working; the device asks for a new one before. */
    expiresAt: DateTime,
  }),
  Type.Object({ mode: Type.Literal("simulated"), identity: Type.String() }),
]);
export type DeskToken = WireOf<typeof DeskToken>;

export const DeskCall = Type.Object({
  callId: Type.Integer(),
  agencyId: Nullable(Type.Integer()),
  agencyName: Nullable(Type.String()),
  topic: Nullable(Type.String()),
  startedAt: DateTime,
  /** When the staff member's leg started ringing (an offer) or they took the call. */
  since: Nullable(DateTime),
  simulated: Type.Boolean(),
});
export type DeskCall = WireOf<typeof DeskCall>;
export type DeskCallValue = Type.Static<typeof DeskCall>;

export const DeskState = Type.Object({
  /** Calls ringing this staff member now, not yet taken by anyone. */
  offers: Type.Array(DeskCall),
  /** The call they are on, if any (after a reload the browser's leg is gone; the server still knows). */
  current: Nullable(DeskCall),
  presence: StringEnum(PRESENCE_STATES),
  answerOn: StringEnum(ANSWER_ON),
  /** The callback this staff member placed through the hotline and that is still going on. */
  callback: Nullable(
    Type.Object({
      attemptId: Type.Integer(),
      requestId: Type.Integer(),
      phone: Type.String(),
      state: StringEnum(PLACED_CALLBACK_STATES),
    }),
  ),
});
export type DeskState = WireOf<typeof DeskState>;
export type DeskStateValue = Type.Static<typeof DeskState>;

export const IvrStep = Type.Object({
  /** node: a menu or step entered; key: what the caller pressed there. */
  type: StringEnum(["node", "key"] as const),
  node: Type.String(),
  title: Nullable(Type.String()),
  digits: Nullable(Type.String()),
});

export const HistoryCall = Type.Object({
  id: Type.Integer(),
  startedAt: DateTime,
  agencyName: Nullable(Type.String()),
  topic: Nullable(Type.String()),
  termination: Nullable(Type.String()),
  staffName: Nullable(Type.String()),
  /** Final notes only (a colleague's draft is theirs). */
  notes: Type.Array(CallNote),
  surveyAnswers: Type.Array(Type.Object({ question: Type.String(), value: Type.Integer() })),
});

export const HistoryCallback = Type.Object({
  id: Type.Integer(),
  agencyName: Type.String(),
  status: StringEnum(CALLBACK_STATUSES),
  dueAt: DateTime,
  /** Claimed by the signed-in staff member. */
  claimedByMe: Type.Boolean(),
});

export const CallContext = Type.Object({
  callId: Type.Integer(),
  /** In full for the staff member rung or on the call and supervisors of its agency; masked otherwise. */
  caller: Type.String(),
  withheld: Type.Boolean(),
  topic: Nullable(Type.String()),
  agencyName: Nullable(Type.String()),
  startedAt: DateTime,
  /** Seconds from the call's start to now (or to its answer, once taken). */
  waitedSeconds: Type.Integer(),
  ivrPath: Type.Array(IvrStep),
  /** Earlier calls of this number that the user may see, newest first. */
  history: Type.Array(HistoryCall),
  /** Open callback requests of this number in the user's scope. */
  callbacks: Type.Array(HistoryCallback),
});
export type CallContext = WireOf<typeof CallContext>;
export type CallContextValue = Type.Static<typeof CallContext>;

export const QueueWaiting = Type.Object({
  entryId: Type.Integer(),
  agencyName: Type.String(),
  topic: Nullable(Type.String()),
  enqueuedAt: DateTime,
  connecting: Type.Boolean(),
});

export const MyCall = Type.Object({
  id: Type.Integer(),
  startedAt: DateTime,
  caller: Type.String(),
  topic: Nullable(Type.String()),
  talkSeconds: Nullable(Type.Integer()),
  termination: Nullable(Type.String()),
  notes: Type.Integer(),
});

export const MyCallback = Type.Object({
  id: Type.Integer(),
  phone: Type.String(),
  agencyName: Type.String(),
  status: StringEnum(CALLBACK_STATUSES),
  dueAt: DateTime,
  /** Claimed by the signed-in staff member (theirs to call); the others are the agency's unclaimed ones. */
  claimedByMe: Type.Boolean(),
});

/** A case on the desk (docs/cases.md): the console links it to /cases/:id/show. */
export const DeskCase = Type.Object({
  id: Type.Integer(),
  /** GL-2026-004821 */
  code: Type.String(),
  kind: StringEnum<NoteKind>(CASE_KINDS),
  state: StringEnum<CaseState>(CASE_STATES),
  topic: Nullable(Type.String()),
  agencyName: Type.String(),
  /** The last working day to answer, YYYY-MM-DD (Vietnam). */
  dueDate: Type.String(),
  dueAt: DateTime,
  /** Past dueAt and still open. */
  overdue: Type.Boolean(),
  escalationLevel: Type.Integer(),
});

export const DeskLists = Type.Object({
  myCalls: Type.Array(MyCall),
  callbacks: Type.Array(MyCallback),
  waiting: Type.Array(QueueWaiting),
  /** Open cases assigned to the signed-in user, due first. */
  myCases: Type.Array(DeskCase),
  /**
   * Supervisors and administrators: the overdue open cases escalated to them (the cases list's
   * `escalated` filter), oldest deadline first, with how many there are; null for everyone else.
   */
  escalatedCases: Nullable(Type.Object({ count: Type.Integer(), cases: Type.Array(DeskCase) })),
});
export type DeskLists = WireOf<typeof DeskLists>;
