import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../server/agencies/hours/default-schedule.js";
import { nextOpening } from "../../../../server/agencies/hours/schedule.js";
import type { Schedule } from "../../../../server/agencies/hours/types.js";

const vn = (local: string) => new Date(`${local}+07:00`);
const NEVER: Schedule = { weekly: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }, overrides: [], observeHolidays: true };

describe("nextOpening", () => {
  it("is now while open", () => {
    const now = vn("2026-03-02T09:15:42");
    expect(nextOpening(DEFAULT_OFFICE_SCHEDULE, now)).toEqual(now);
  });

  it("is 07:30 the same morning before opening", () => {
    expect(nextOpening(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-02T06:00:00"))).toEqual(vn("2026-03-02T07:30:00"));
  });

  it("is 13:30 during the lunch break", () => {
    expect(nextOpening(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-02T11:30:00"))).toEqual(vn("2026-03-02T13:30:00"));
  });

  it("skips the weekend: Friday 17:00 → Monday 07:30", () => {
    expect(nextOpening(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-06T17:00:00"))).toEqual(vn("2026-03-09T07:30:00"));
  });

  it("skips Tết 2026: Friday 13 Feb after work → Monday 23 Feb", () => {
    expect(nextOpening(DEFAULT_OFFICE_SCHEDULE, vn("2026-02-13T17:30:00"))).toEqual(vn("2026-02-23T07:30:00"));
  });

  it("skips Tết 2027 as the library knows it: Thursday 4 Feb → Wednesday 10 Feb", () => {
    expect(nextOpening(DEFAULT_OFFICE_SCHEDULE, vn("2027-02-04T17:00:00"))).toEqual(vn("2027-02-10T07:30:00"));
  });

  it("finds a swapped working Saturday", () => {
    const schedule: Schedule = {
      ...DEFAULT_OFFICE_SCHEDULE,
      overrides: [{ date: "2026-03-07", closed: false, ranges: [{ opens: "08:00", closes: "11:00" }] }],
    };
    expect(nextOpening(schedule, vn("2026-03-06T18:00:00"))).toEqual(vn("2026-03-07T08:00:00"));
  });

  it("looks 60 days ahead and no further", () => {
    expect(nextOpening(NEVER, vn("2026-03-02T09:00:00"))).toBeNull();
    const opensOnce = (date: string): Schedule => ({
      ...NEVER,
      overrides: [{ date, closed: false, ranges: [{ opens: "08:00", closes: "09:00" }] }],
    });
    expect(nextOpening(opensOnce("2026-04-30"), vn("2026-03-02T09:00:00"))).toEqual(vn("2026-04-30T08:00:00"));
    expect(nextOpening(opensOnce("2026-05-02"), vn("2026-03-02T09:00:00"))).toBeNull();
  });
});
