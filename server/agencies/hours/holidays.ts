import Holidays from "date-holidays";
import type { Weekday } from "../../clock/vietnam-time.js";
import { addDays, weekdayOf } from "../../clock/vietnam-time.js";

// Vietnamese public holidays (Labour Code 2019, art. 112) from date-holidays, country VN, type
// "public" only (its many "observance" days such as 3/2 or 20/11 are working days).
//
// What date-holidays 3.37 returns, verified for 2025–2028:
// - 1/1, Giỗ Tổ Hùng Vương (10/3 lunar: 2026-04-26, 2027-04-16), 30/4, 1/5 and 2/9, one day each.
// - "Tết Nguyên Đán" on 1/1 lunar (2026-02-17, 2027-02-06) and, overlapping it, a five-day block
//   "Giao thừa Tết Nguyên Đán" from the last day of the lunar year: 2026-02-16…20 (Mon–Fri) and
//   2027-02-05…09 (Fri–Tue, so two of the five days fall on the weekend).
// What it does not cover, so admins add overrides each year when the government announces them:
// - The actual Tết break for civil servants, which the Prime Minister sets each autumn as five working
//   days, often starting earlier than the eve. 2026 is 14–22 Feb (Sat–Sun), whose working days equal the
//   library's block; 2027 was not yet announced when this was written.
// - The second National Day holiday (1/9 or 3/9, decided yearly; 2026 closes Sat 29/8–Wed 2/9, so
//   31/8 and 1/9 need overrides), swapped working Saturdays, and new holidays: 24/11, "Ngày Văn hóa
//   Việt Nam", was chosen in January 2026 as a paid day off pending a Labour Code amendment and is not
//   in the library.
// - Compensatory days off (nghỉ bù): none. Labour Code art. 111(3) gives the next working day off when a
//   holiday falls on a weekly rest day (e.g. Giỗ Tổ on Sunday 2026-04-26 → Monday 27/4 off), so this
//   module adds them itself, using the schedule's closed weekdays as its rest days. Not for the Tết
//   block: art. 112(3) lets the Prime Minister pick those five days, and when the block touched a
//   weekend the break started a day before it (23–29 Jan 2020, 10–16 Feb 2021), so "next working day"
//   would close the hotline on a day offices work. Tết needs overrides either way; this keeps the
//   default from inventing closures.

const DAY_MS = 86_400_000;
/** Far enough to step over a long weekend plus neighbouring holidays (30/4, 1/5). */
const MAX_SEARCH_DAYS = 14;

/** One day of a public holiday. */
export interface StatutoryHoliday {
  name: string;
  /** Part of the multi-day Tết block, whose real dates the Prime Minister sets each year. */
  inBlock: boolean;
}

let calendar: Holidays | undefined;
const statutoryByYear = new Map<number, ReadonlyMap<string, StatutoryHoliday>>();
const withCompensationByKey = new Map<string, ReadonlyMap<string, string>>();

/** Public holidays of a year by "YYYY-MM-DD", in date order, without compensatory days. */
export function statutoryHolidays(year: number): ReadonlyMap<string, StatutoryHoliday> {
  let days = statutoryByYear.get(year);
  if (!days) {
    days = computeStatutory(year);
    statutoryByYear.set(year, days);
  }
  return days;
}

/**
 * Holiday names of a year, compensatory days included: each single-day holiday on a rest day gives the
 * next working day that is neither a holiday nor already a compensatory day (2027: 1/5 on Saturday →
 * Monday 3/5).
 */
export function holidaysOf(year: number, restDays: ReadonlySet<Weekday>): ReadonlyMap<string, string> {
  const key = `${year}:${[...restDays].sort().join("")}`;
  let days = withCompensationByKey.get(key);
  if (!days) {
    days = addCompensation(statutoryHolidays(year), restDays);
    withCompensationByKey.set(key, days);
  }
  return days;
}

/**
 * The holiday name of a "YYYY-MM-DD" day, if any. No Vietnamese holiday falls in late December, so a
 * compensatory day never lands in the next year and looking in the day's own year is enough.
 */
export function holidayOn(date: string, restDays: ReadonlySet<Weekday>): string | undefined {
  return holidaysOf(Number(date.slice(0, 4)), restDays).get(date);
}

function computeStatutory(year: number): ReadonlyMap<string, StatutoryHoliday> {
  calendar ??= new Holidays("VN", { types: ["public"], languages: ["vi"] });
  const singles = new Map<string, string>();
  const blocks: { first: string; days: number; name: string }[] = [];
  for (const holiday of calendar.getHolidays(year, "vi")) {
    // `date` is the local day ("2026-02-16 00:00:00"); start/end are exact instants, end exclusive.
    const first = holiday.date.slice(0, 10);
    const days = Math.round((holiday.end.getTime() - holiday.start.getTime()) / DAY_MS);
    if (days <= 1) singles.set(first, holiday.name);
    else blocks.push({ first, days, name: holiday.name });
  }
  const result = new Map<string, StatutoryHoliday>();
  for (const block of blocks) {
    // The Tết block is named after its first day ("Giao thừa", the eve); the days after it read better
    // with the name of the single holiday inside the block ("Tết Nguyên Đán").
    const dates = Array.from({ length: block.days }, (_, i) => addDays(block.first, i));
    const inner = dates.map((date) => singles.get(date)).find((name) => name !== undefined);
    for (const [i, date] of dates.entries()) result.set(date, { name: i === 0 ? block.name : (inner ?? block.name), inBlock: true });
  }
  for (const [date, name] of singles) result.set(date, { name, inBlock: result.has(date) });
  return new Map([...result].sort(([a], [b]) => (a < b ? -1 : 1)));
}

function addCompensation(statutory: ReadonlyMap<string, StatutoryHoliday>, restDays: ReadonlySet<Weekday>): ReadonlyMap<string, string> {
  const result = new Map([...statutory].map(([date, holiday]) => [date, holiday.name]));
  // A schedule open every day has no rest day to compensate; one closed every day has nowhere to put it.
  if (restDays.size === 0 || restDays.size === 7) return result;
  for (const [date, holiday] of statutory) {
    if (holiday.inBlock || !restDays.has(weekdayOf(date))) continue;
    for (let step = 1; step <= MAX_SEARCH_DAYS; step++) {
      const candidate = addDays(date, step);
      if (restDays.has(weekdayOf(candidate)) || result.has(candidate)) continue;
      result.set(candidate, `Nghỉ bù ${holiday.name}`);
      break;
    }
  }
  return result;
}
