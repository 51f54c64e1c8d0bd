// Days and instants in Vietnam time for report periods and call-log filters.
import { addDays, isRealDate, vietnamClock, vietnamInstant } from "../../clock/vietnam-time.js";
import { invalidField } from "../../platform/http/errors.js";

export interface Period {
  /** Inclusive Vietnam days. */
  from: string;
  to: string;
  /** Instants: start inclusive, end exclusive. */
  start: Date;
  end: Date;
}

export function today(now = new Date()): string {
  return vietnamClock(now).date;
}

/** A period of whole Vietnam days; defaults to the last 30 days up to today. */
export function periodOf(from: string | undefined, to: string | undefined, now = new Date()): Period {
  const last = to ?? today(now);
  const first = from ?? addDays(last, -29);
  if (!isRealDate(first)) throw invalidField("from", "format", "from must be a date YYYY-MM-DD");
  if (!isRealDate(last)) throw invalidField("to", "format", "to must be a date YYYY-MM-DD");
  if (first > last) throw invalidField("to", "period_order", "to must not be before from");
  return { from: first, to: last, start: vietnamInstant(first, 0), end: vietnamInstant(addDays(last, 1), 0) };
}

/**
 * A call-log bound: a Vietnam day (YYYY-MM-DD; `from` is its start, `to` the start of the next day,
 * so the day is included) or an ISO 8601 instant. Undefined when not a date at all.
 */
export function boundOf(value: string, side: "from" | "to"): { gte: Date } | { lt: Date } | { lte: Date } | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    if (!isRealDate(value)) return undefined;
    return side === "from" ? { gte: vietnamInstant(value, 0) } : { lt: vietnamInstant(addDays(value, 1), 0) };
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const instant = new Date(value);
  if (Number.isNaN(instant.getTime())) return undefined;
  return side === "from" ? { gte: instant } : { lte: instant };
}
