// A case's deadline: the Nth working day *after* the day it was created, a working day being a day
// the owning agency's schedule is open (agencies/hours: weekends, Vietnamese public holidays and the
// dated overrides — extra days off, swapped working Saturdays — count exactly as the hours module
// says). The case is overdue from 00:00 (Vietnam) of the day after that day. Pure: the schedule and
// the instant are parameters.

import { describeDay } from "../../agencies/hours/schedule.js";
import type { Schedule } from "../../agencies/hours/types.js";
import { addDays, vietnamClock, vietnamInstant } from "../../clock/vietnam-time.js";

/** A year of calendar days: far past 90 working days plus Tết, and a bound for a schedule that never opens. */
const HORIZON_DAYS = 400;

export interface Deadline {
  /** The last working day to answer, "YYYY-MM-DD" (Vietnam). */
  dueDate: string;
  /** 00:00 Vietnam of the day after dueDate: overdue from then. */
  dueAt: Date;
}

/**
 * The `count`th open day strictly after the Vietnam day `fromDate`. A schedule with no open day in a
 * year (an agency closed all week by mistake) falls back to calendar days: the citizen still gets a
 * date, and the console shows the agency's hours are wrong elsewhere.
 */
export function nthWorkingDayAfter(schedule: Schedule, fromDate: string, count: number): string {
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`working days must be a whole number >= 0, got ${count}`);
  if (count === 0) return fromDate;
  let found = 0;
  for (let offset = 1; offset <= HORIZON_DAYS; offset++) {
    const date = addDays(fromDate, offset);
    if (describeDay(schedule, date).open) found++;
    if (found === count) return date;
  }
  return addDays(fromDate, count);
}

/** The deadline of a case created (or reopened) at `at` that must be answered within `workingDays`. */
export function caseDeadline(schedule: Schedule, at: Date, workingDays: number): Deadline {
  const dueDate = nthWorkingDayAfter(schedule, vietnamClock(at).date, workingDays);
  return { dueDate, dueAt: dayAfterStart(dueDate) };
}

/**
 * When an overdue case escalates to the parent agency: `escalateAfterDays` working days past its due
 * date, from 00:00 of the day after the last of them (0: at once, with the deadline itself).
 */
export function escalationAt(schedule: Schedule, dueDate: string, escalateAfterDays: number): Date {
  return dayAfterStart(nthWorkingDayAfter(schedule, dueDate, escalateAfterDays));
}

function dayAfterStart(date: string): Date {
  return vietnamInstant(addDays(date, 1), 0);
}
