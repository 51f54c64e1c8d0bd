// Cases (/api/cases): a question, feedback, proposal or complaint that needs follow-up after the call,
// owned by one agency at a time, with a deadline in working days and a history (issue 13, docs/cases.md).
import Type from "typebox";
import { CASE_KINDS, CASE_SOURCES, CASE_STATES, type CaseSource, type CaseState, type NoteKind } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const CaseAgency = Type.Object({ id: Type.Integer(), code: Type.String(), name: Type.String() });

export const Case = Type.Object({
  id: Type.Integer(),
  /** GL-2026-004821 */
  code: Type.String(),
  /** Masked (0912***678) without calls:caller-numbers. */
  phone: Type.String(),
  citizenName: Nullable(Type.String()),
  kind: StringEnum<NoteKind>(CASE_KINDS),
  topic: Nullable(Type.String()),
  procedureCode: Nullable(Type.String()),
  procedureName: Nullable(Type.String()),
  question: Type.String(),
  agencyId: Type.Integer(),
  agencyName: Type.String(),
  assigneeId: Nullable(Type.Integer()),
  assigneeName: Nullable(Type.String()),
  state: StringEnum<CaseState>(CASE_STATES),
  source: StringEnum<CaseSource>(CASE_SOURCES),
  callId: Nullable(Type.Integer()),
  /** The last working day to answer, YYYY-MM-DD (Vietnam). */
  dueDate: Type.String(),
  dueAt: DateTime,
  /** Past dueAt and not yet answered or closed. */
  overdue: Type.Boolean(),
  /** 0 none, 1 raised to the owning agency's supervisors, 2 to the parent agency. */
  escalationLevel: Type.Integer(),
  answer: Nullable(Type.String()),
  answeredAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type Case = WireOf<typeof Case>;

export const CaseEvent = Type.Object({
  id: Type.Integer(),
  /** created, edited, assigned, state, transferred, answered, closed, reopened, escalated, call_linked, sms */
  type: Type.String(),
  actorName: Nullable(Type.String()),
  fromState: Nullable(StringEnum<CaseState>(CASE_STATES)),
  toState: Nullable(StringEnum<CaseState>(CASE_STATES)),
  fromAgency: Nullable(CaseAgency),
  toAgency: Nullable(CaseAgency),
  reason: Nullable(Type.String()),
  data: Nullable(Type.Record(Type.String(), Type.Unknown())),
  createdAt: DateTime,
});
export type CaseEvent = WireOf<typeof CaseEvent>;

/** GET one: with its history, the calls about it and the service SMS sent. */
export const CaseDetail = Type.Intersect([
  Case,
  Type.Object({
    agency: CaseAgency,
    events: Type.Array(CaseEvent),
    calls: Type.Array(Type.Object({ callId: Type.Integer(), startedAt: DateTime, linkedAt: DateTime })),
    sms: Type.Array(Type.Object({ purpose: Type.String(), status: Type.String(), createdAt: DateTime })),
    /** Whether this user may work the case now: cases:write and the owner within their reach (scope.ts). */
    workable: Type.Boolean(),
  }),
]);
export type CaseDetail = WireOf<typeof CaseDetail>;

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** POST /api/cases: by hand, or from a call's note (noteId) or a callback request (callbackRequestId). */
export const CaseCreate = Type.Object(
  {
    /** Required by hand; taken from the call or request otherwise. */
    phone: Type.Optional(Type.String({ maxLength: 32 })),
    citizenName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    /** Required by hand and from a callback request; from a note, the note category's kind when absent. */
    kind: Type.Optional(StringEnum<NoteKind>(CASE_KINDS)),
    topic: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    procedureCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    procedureName: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    /** Taken from the note when absent. */
    question: Type.Optional(Text(4000)),
    /** The owning agency: defaults to the creator's. */
    agencyId: Type.Optional(Type.Integer({ minimum: 1 })),
    noteId: Type.Optional(Type.Integer({ minimum: 1 })),
    callbackRequestId: Type.Optional(Type.Integer({ minimum: 1 })),
    callId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);
export type CaseCreate = WireOf<typeof CaseCreate>;

/** PUT /api/cases/:id: details, assignee and the state moves that carry no answer. */
export const CaseUpdate = Type.Object(
  {
    citizenName: Type.Optional(Nullable(Type.String({ maxLength: 200 }))),
    topic: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    procedureCode: Type.Optional(Nullable(Type.String({ maxLength: 64 }))),
    procedureName: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
    assigneeId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    /**
     * Moves to in_progress or waiting_citizen; answering, closing and reopening have their own actions.
     * Any state is accepted on the wire so that react-admin can send the whole record back: the case's
     * current state changes nothing, any other than those two is a 400 naming `state`.
     */
    state: Type.Optional(StringEnum<CaseState>(CASE_STATES)),
  },
  { additionalProperties: false },
);

/** POST /api/cases/:id/transfer */
export const CaseTransfer = Type.Object({ agencyId: Type.Integer({ minimum: 1 }), reason: Text(1000) }, { additionalProperties: false });
/** POST /api/cases/:id/answer: the answer given; the citizen is told by SMS that it is ready. */
export const CaseAnswer = Type.Object({ answer: Text(8000) }, { additionalProperties: false });
/** POST /api/cases/:id/close and /reopen */
export const CaseReason = Type.Object({ reason: Type.Optional(Type.String({ maxLength: 1000 })) }, { additionalProperties: false });
/** POST /api/cases/:id/calls: link a call about this case. */
export const CaseLinkCall = Type.Object({ callId: Type.Integer({ minimum: 1 }) }, { additionalProperties: false });

/** GET/PUT /api/case-service-levels: working days per kind. */
export const CaseServiceLevel = Type.Object({
  id: StringEnum<NoteKind>(CASE_KINDS),
  workingDays: Type.Integer({ minimum: 1, maximum: 90 }),
  escalateAfterDays: Type.Integer({ minimum: 0, maximum: 60 }),
});
export type CaseServiceLevel = WireOf<typeof CaseServiceLevel>;
