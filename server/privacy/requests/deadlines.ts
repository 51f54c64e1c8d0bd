// A data-subject request's two deadlines (Law 91/2025, Decree 356/2025): acknowledge within 2
// working days, complete within 15 days. Working days are the province's (its root agency's
// schedule: weekends, public holidays, the dated overrides), counted exactly as case deadlines are.
// The 15 days are calendar days; when the 15th is a day off the deadline moves to the next working
// day, as the Civil Code (art. 148) moves a time limit ending on a day off. Pure.

import { describeDay } from "../../agencies/hours/schedule.js";
import type { Schedule } from "../../agencies/hours/types.js";
import { addDays, vietnamClock } from "../../clock/vietnam-time.js";
import { nthWorkingDayAfter } from "../../hotline/cases/deadline.js";

export const ACKNOWLEDGE_WORKING_DAYS = 2;
export const COMPLETE_CALENDAR_DAYS = 15;
/** The home card's "due soon": a deadline within this many calendar days. */
export const DUE_SOON_DAYS = 2;

export interface RequestDeadlines {
  /** The last day to acknowledge, "YYYY-MM-DD" (Vietnam). */
  acknowledgeBy: string;
  /** The last day to complete, "YYYY-MM-DD" (Vietnam). */
  completeBy: string;
}

export function requestDeadlines(schedule: Schedule, receivedAt: Date): RequestDeadlines {
  const received = vietnamClock(receivedAt).date;
  const fifteenth = addDays(received, COMPLETE_CALENDAR_DAYS);
  const completeBy = describeDay(schedule, fifteenth).open ? fifteenth : nthWorkingDayAfter(schedule, fifteenth, 1);
  return { acknowledgeBy: nthWorkingDayAfter(schedule, received, ACKNOWLEDGE_WORKING_DAYS), completeBy };
}
