// A case's deadline counts the owning agency's working days after the creation day, through the
// hours module: weekends, Vietnamese public holidays (30/4–1/5, Tết) and dated overrides.
import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../server/agencies/hours/default-schedule.js";
import type { Schedule } from "../../../../server/agencies/hours/types.js";
import { caseDeadline, escalationAt, nthWorkingDayAfter } from "../../../../server/hotline/cases/deadline.js";

/** An instant given as Vietnam wall-clock time. */
const vn = (local: string) => new Date(`${local}+07:00`);
const office = DEFAULT_OFFICE_SCHEDULE;
const withOverrides = (overrides: Schedule["overrides"]): Schedule => ({ ...office, overrides });

describe("case deadline", () => {
  it("skips 30/4 and 1/5 and the weekend after them", () => {
    // Wednesday 29/4/2026: Thu 30/4 and Fri 1/5 are holidays, then the weekend; Mon 4/5 is day 1.
    const due = caseDeadline(office, vn("2026-04-29T10:00:00"), 5);
    expect(due.dueDate).toBe("2026-05-08");
    // Overdue from 00:00 of Saturday 9/5, Vietnam time.
    expect(due.dueAt.toISOString()).toBe("2026-05-08T17:00:00.000Z");
  });

  it("counts days after the creation day, whatever the hour", () => {
    expect(caseDeadline(office, vn("2026-04-28T23:59:00"), 1).dueDate).toBe("2026-04-29");
    expect(caseDeadline(office, vn("2026-04-29T00:01:00"), 1).dueDate).toBe("2026-05-04");
    // Created on a Sunday: Monday is the first working day.
    expect(caseDeadline(office, vn("2026-05-03T09:00:00"), 1).dueDate).toBe("2026-05-04");
  });

  it("skips the Tết break of 2026 (16–20 February)", () => {
    expect(caseDeadline(office, vn("2026-02-13T16:00:00"), 1).dueDate).toBe("2026-02-23");
    expect(caseDeadline(office, vn("2026-02-13T16:00:00"), 5).dueDate).toBe("2026-02-27");
  });

  it("skips the compensatory day off for Giỗ Tổ on a Sunday (Monday 27/4/2026)", () => {
    expect(caseDeadline(office, vn("2026-04-24T09:00:00"), 1).dueDate).toBe("2026-04-28");
  });

  it("respects dated overrides: an extra day off, a swapped working Saturday", () => {
    const dayOff = withOverrides([{ date: "2026-05-04", closed: true, note: "nghỉ bù" }]);
    expect(caseDeadline(dayOff, vn("2026-04-29T10:00:00"), 5).dueDate).toBe("2026-05-11");
    const workingSaturday = withOverrides([{ date: "2026-05-02", closed: false, ranges: [{ opens: "07:30", closes: "11:30" }] }]);
    expect(caseDeadline(workingSaturday, vn("2026-04-29T10:00:00"), 5).dueDate).toBe("2026-05-07");
  });

  it("follows the agency's own week and its choice about holidays", () => {
    const everyDay = [{ opens: "00:00", closes: "24:00" }];
    const allWeek: Schedule = {
      weekly: { 0: everyDay, 1: everyDay, 2: everyDay, 3: everyDay, 4: everyDay, 5: everyDay, 6: everyDay },
      overrides: [],
      observeHolidays: false,
    };
    expect(caseDeadline(allWeek, vn("2026-04-29T10:00:00"), 5).dueDate).toBe("2026-05-04");
    expect(caseDeadline({ ...allWeek, observeHolidays: true }, vn("2026-04-29T10:00:00"), 5).dueDate).toBe("2026-05-06");
  });

  it("falls back to calendar days for a schedule that never opens", () => {
    const closed: Schedule = { weekly: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }, overrides: [], observeHolidays: true };
    expect(nthWorkingDayAfter(closed, "2026-04-29", 3)).toBe("2026-05-02");
  });

  it("reaches 90 working days across a year end", () => {
    const due = caseDeadline(office, vn("2026-11-02T09:00:00"), 90);
    expect(due.dueDate > "2027-02-28").toBe(true);
    expect(() => caseDeadline(office, vn("2026-11-02T09:00:00"), -1)).toThrow(RangeError);
  });

  it("escalates the given number of working days past the due date", () => {
    // Due Friday 8/5/2026; two working days later is Tuesday 12/5: level 2 from 00:00 on Wednesday 13/5.
    expect(escalationAt(office, "2026-05-08", 2).toISOString()).toBe("2026-05-12T17:00:00.000Z");
    // 0: at once, with the deadline itself.
    expect(escalationAt(office, "2026-05-08", 0).toISOString()).toBe("2026-05-08T17:00:00.000Z");
    // Due Wednesday 29/4: the holidays and the weekend do not count.
    expect(escalationAt(office, "2026-04-29", 1).toISOString()).toBe("2026-05-04T17:00:00.000Z");
  });
});
