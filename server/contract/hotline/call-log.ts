// The call log (/api/calls): calls as listed, one call in full, and staff notes.
import Type from "typebox";
import { NOTE_STATES, type NoteState, QUEUE_OUTCOMES, type QueueOutcome } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";
import { CallLegView } from "./desk-calls.js";
import { NoteCategoryLabel } from "./note-categories.js";

/** A call as the call log lists it. */
export const CallSummary = Type.Object({
  id: Type.Integer(),
  callSid: Type.String(),
  caller: Type.String(),
  hotline: Type.String(),
  simulated: Type.Boolean(),
  status: Type.String(),
  topic: Nullable(Type.String()),
  agencyId: Nullable(Type.Integer()),
  agencyName: Nullable(Type.String()),
  staffId: Nullable(Type.Integer()),
  staffName: Nullable(Type.String()),
  startedAt: DateTime,
  answeredAt: Nullable(DateTime),
  endedAt: Nullable(DateTime),
  ivrSeconds: Nullable(Type.Integer()),
  ringSeconds: Nullable(Type.Integer()),
  talkSeconds: Nullable(Type.Integer()),
  termination: Nullable(Type.String()),
  /** Seconds waited in agency queues; null when the call never queued. */
  queueSeconds: Nullable(Type.Integer()),
  /** How the (last) wait in a queue ended: answered, abandoned, callback, timeout (or still waiting). */
  queueOutcome: Nullable(StringEnum<QueueOutcome>(QUEUE_OUTCOMES)),
  satisfaction: Nullable(Type.Integer()),
  resolved: Nullable(Type.Integer()),
  recordingCount: Type.Integer(),
});
export type CallSummary = WireOf<typeof CallSummary>;

/** A staff note: a draft while its author types (only they see it), final once finished. */
export const CallNote = Type.Object({
  id: Type.Integer(),
  callId: Type.Integer(),
  state: StringEnum<NoteState>(NOTE_STATES),
  /** The category's code; null while a draft has none. */
  category: Nullable(Type.String()),
  /** The category's names and kind, from its row (also when it has since been deactivated). */
  categoryLabel: Nullable(NoteCategoryLabel),
  question: Type.String(),
  answer: Type.String(),
  resolved: Type.Boolean(),
  authorId: Type.Integer(),
  authorName: Type.String(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type CallNote = WireOf<typeof CallNote>;

/** One line of a call's timeline: the server's English text, and the type and params the console translates. */
export const TimelineItem = Type.Object({
  at: DateTime,
  event: Type.String(),
  type: Type.String(),
  params: Type.Record(Type.String(), Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()])),
  text: Type.String(),
});
export type TimelineItem = WireOf<typeof TimelineItem>;

/** One call with its timeline, recordings (never Twilio's media URL), survey answers, notes and callback. */
export const CallDetail = Type.Intersect([
  CallSummary,
  Type.Object({
    flowVersion: Nullable(Type.Integer()),
    ringStartedAt: Nullable(DateTime),
    bridgeEndedAt: Nullable(DateTime),
    canAddNote: Type.Boolean(),
    timeline: Type.Array(TimelineItem),
    /** Each staff member's part: who answered, who passed the call to whom and why. */
    legs: Type.Array(CallLegView),
    recordings: Type.Array(
      Type.Object({
        id: Type.Integer(),
        kind: Type.String(),
        status: Type.String(),
        durationSeconds: Nullable(Type.Integer()),
        channels: Nullable(Type.Integer()),
        /** Retention removed the audio; the record stays. */
        deleted: Type.Boolean(),
        createdAt: DateTime,
      }),
    ),
    surveyAnswers: Type.Array(Type.Object({ question: Type.String(), value: Type.Integer(), channel: Type.String(), createdAt: DateTime })),
    /** The caller was asked (the keypad survey began, or a survey link was sent): no answers then means "not answered", not "not asked". */
    surveyOffered: Type.Boolean(),
    /** Final notes, oldest first. */
    notes: Type.Array(CallNote),
    /** The signed-in user's own draft on this call, if they have one. */
    myDraft: Nullable(CallNote),
    callback: Nullable(
      Type.Object({
        id: Type.Integer(),
        status: Type.String(),
        dueAt: DateTime,
        agencyId: Type.Integer(),
        agencyName: Type.String(),
        attempts: Type.Integer(),
      }),
    ),
  }),
]);
export type CallDetail = WireOf<typeof CallDetail>;
