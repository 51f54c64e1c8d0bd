// Report periods as the picker handles them: a month (2026-11) or a quarter (2026-Q4), Vietnam time.
import { addDays, vietnamClock } from "../../../../../server/clock/vietnam-time";

export type PeriodKind = "month" | "quarter";

export interface PeriodChoice {
  kind: PeriodKind;
  year: number;
  /** 1–12 for a month, 1–4 for a quarter. */
  n: number;
}

export const periodKey = ({ kind, year, n }: PeriodChoice) =>
  kind === "month" ? `${year}-${String(n).padStart(2, "0")}` : `${year}-Q${n}`;

/** Last month: the report the province sends at the start of each month. */
export function lastMonth(now = new Date()): PeriodChoice {
  const day = addDays(`${vietnamClock(now).date.slice(0, 7)}-01`, -1);
  return { kind: "month", year: Number(day.slice(0, 4)), n: Number(day.slice(5, 7)) };
}

/** Switching month ↔ quarter keeps the same part of the year. */
export function switchKind(choice: PeriodChoice, kind: PeriodKind): PeriodChoice {
  if (kind === choice.kind) return choice;
  return kind === "quarter"
    ? { kind, year: choice.year, n: Math.ceil(choice.n / 3) }
    : { kind, year: choice.year, n: (choice.n - 1) * 3 + 3 };
}
