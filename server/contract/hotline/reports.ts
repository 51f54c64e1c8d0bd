// The satisfaction report and the dashboard's figures (GET /api/reports/satisfaction and /today).
import Type from "typebox";
import { Nullable, type WireOf } from "../schema.js";

export const Figures = Type.Object({
  calls: Type.Integer(),
  answered: Type.Integer(),
  /** answered / calls; null without calls. */
  answerRate: Nullable(Type.Number()),
  /**
   * Mean wait of answered calls, in seconds: time in agency queues plus ringing (server/hotline/reports/wait.ts).
   */
  averageWaitSeconds: Nullable(Type.Number()),
  /** Calls with an answer to the satisfaction question. */
  answers: Type.Integer(),
  verySatisfied: Type.Integer(),
  satisfied: Type.Integer(),
  dissatisfied: Type.Integer(),
  /** (verySatisfied + satisfied) / answers; null without answers. */
  satisfactionRate: Nullable(Type.Number()),
  /** Calls with an answer to "was your question answered". */
  resolvedAnswers: Type.Integer(),
  /** Share of those answering 1 (yes). */
  resolvedRate: Nullable(Type.Number()),
  // The line: how long callers waited and what became of them, and how busy staff were.
  /** Calls that reached an agency (were offered to its staff or its queue). */
  offered: Type.Integer(),
  /** Callers who hung up while waiting in a queue. */
  abandonedInQueue: Type.Integer(),
  /** 90th percentile of the wait of answered calls, in seconds (interpolated). */
  p90WaitSeconds: Nullable(Type.Number()),
  /** Share of offered calls (answered or ended) answered within the report's serviceLevelSeconds of waiting. */
  serviceLevel: Nullable(Type.Number()),
  /** Mean talk time of answered calls, in seconds. */
  averageTalkSeconds: Nullable(Type.Number()),
  /** Mean after-call work of the agency's staff (their wrap-up periods), in seconds; null without any. */
  averageWrapUpSeconds: Nullable(Type.Number()),
  /** Share of the staff's logged-in time (any state but offline) spent on calls or in wrap-up. */
  occupancy: Nullable(Type.Number()),
});
export type Figures = WireOf<typeof Figures>;

export const AgencyRow = Type.Intersect([
  Type.Object({
    agencyId: Type.Integer(),
    agencyCode: Type.String(),
    agencyName: Type.String(),
    /** 1 = best satisfaction rate (ties: more answers first); null with fewer than minAnswers answers. */
    rank: Nullable(Type.Integer()),
  }),
  Figures,
]);
export type AgencyRow = WireOf<typeof AgencyRow>;

/** One staff member's work over the period (from their calls and their presence changes). */
export const StaffRow = Type.Object({
  staffId: Type.Integer(),
  name: Type.String(),
  agencyName: Type.String(),
  /** Calls the staff member answered. */
  answered: Type.Integer(),
  averageTalkSeconds: Nullable(Type.Number()),
  averageWrapUpSeconds: Nullable(Type.Number()),
  /** Seconds in any state but offline. */
  loggedInSeconds: Type.Number(),
  /** (on a call + wrap-up) / logged in; null when never logged in. */
  occupancy: Nullable(Type.Number()),
});
export type StaffRow = WireOf<typeof StaffRow>;

export const SatisfactionReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  minAnswers: Type.Integer(),
  target: Type.Number(),
  /** The threshold of serviceLevel, in seconds (SERVICE_LEVEL_SECONDS). */
  serviceLevelSeconds: Type.Integer(),
  rows: Type.Array(AgencyRow),
  /** Staff of the agencies in the report who logged in or answered calls in the period. */
  staff: Type.Array(StaffRow),
  /** Calls that reached no agency (hung up in the IVR), only in the total. */
  unrouted: Nullable(Figures),
  total: Figures,
});
export type SatisfactionReport = WireOf<typeof SatisfactionReport>;

/** The dashboard's cards: today and the last 30 days. */
export const TodayFigures = Type.Object({ date: Type.String(), today: Figures, last30Days: Figures, target: Type.Number() });
export type TodayFigures = WireOf<typeof TodayFigures>;
