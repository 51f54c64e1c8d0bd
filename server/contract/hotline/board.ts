// The supervisors' live board (GET /api/board and its event stream /api/board/stream): the line
// now and the day so far, for one agency's subtree or the whole province. No caller's number.
import Type from "typebox";
import { PRESENCE_STATES, type PresenceState } from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const BoardQuery = Type.Object(
  {
    /** The agency whose subtree the board shows; omitted: the user's own (supervisors) or the province (administrators). */
    agencyId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { additionalProperties: false },
);

export const WaitingCaller = Type.Object({
  entryId: Type.Integer(),
  agencyId: Type.Integer(),
  agencyName: Type.String(),
  enqueuedAt: DateTime,
  /** A staff member has been chosen and is being rung. */
  connecting: Type.Boolean(),
});

export const BoardStaffMember = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  agencyName: Type.String(),
  state: StringEnum<PresenceState>(PRESENCE_STATES),
  since: DateTime,
  /** Why away: the staff member's words, or "missed_rings" when the hotline set it. */
  awayReason: Nullable(Type.String()),
});

export const BoardToday = Type.Object({
  /** Calls started today (Vietnam day) in the scope; for the province, with those that reached no agency. */
  calls: Type.Integer(),
  answered: Type.Integer(),
  /** Callers who hung up while waiting in a queue. */
  abandoned: Type.Integer(),
  /** answered / calls; null without calls. */
  answerRate: Nullable(Type.Number()),
  /**
   * Share of the calls offered to an agency and settled (answered or ended) that were answered
   * within serviceLevelSeconds of waiting (queue plus ringing); null when none is settled.
   */
  serviceLevel: Nullable(Type.Number()),
  /** Mean wait (queue plus ringing) of today's answered calls, in seconds. */
  averageWaitSeconds: Nullable(Type.Number()),
});

export const Board = Type.Object({
  /** The server's clock when the board was computed: the console ticks times from it. */
  now: DateTime,
  /** The agency whose subtree is shown; null for the province. */
  agencyId: Nullable(Type.Integer()),
  agencyName: Nullable(Type.String()),
  serviceLevelSeconds: Type.Integer(),
  /** Callers waiting now, the longest first. */
  waiting: Type.Array(WaitingCaller),
  /** How many staff members are in each state (offline ones included). */
  staffCounts: Type.Record(Type.String(), Type.Integer()),
  /** Staff members not offline, by state then longest in it first. */
  staff: Type.Array(BoardStaffMember),
  today: BoardToday,
  /** Open callback requests whose time has come. */
  callbacksDue: Type.Integer(),
});
export type Board = WireOf<typeof Board>;
export type WaitingCaller = WireOf<typeof WaitingCaller>;
export type BoardStaffMember = WireOf<typeof BoardStaffMember>;
/** The board as the server builds it (dates as Date). */
export type BoardValue = Type.Static<typeof Board>;
