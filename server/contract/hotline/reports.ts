// The satisfaction report and the dashboard's figures (GET /api/reports/satisfaction and /today).
import Type from "typebox";
import { Nullable, type WireOf } from "../schema.js";

export const Figures = Type.Object({
  calls: Type.Integer(),
  answered: Type.Integer(),
  /** answered / calls; null without calls. */
  answerRate: Nullable(Type.Number()),
  /** Mean ring time of answered calls, in seconds. */
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

export const SatisfactionReport = Type.Object({
  from: Type.String(),
  to: Type.String(),
  minAnswers: Type.Integer(),
  target: Type.Number(),
  rows: Type.Array(AgencyRow),
  /** Calls that reached no agency (hung up in the IVR), only in the total. */
  unrouted: Nullable(Figures),
  total: Figures,
});
export type SatisfactionReport = WireOf<typeof SatisfactionReport>;

/** The dashboard's cards: today and the last 30 days. */
export const TodayFigures = Type.Object({ date: Type.String(), today: Figures, last30Days: Figures, target: Type.Number() });
export type TodayFigures = WireOf<typeof TodayFigures>;
