import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../server/agencies/hours/default-schedule.js";
import { afterOpenTime } from "../../../../server/agencies/hours/schedule.js";

const vn = (local: string) => new Date(`${local}+07:00`);
const FOUR_HOURS = 240;

// The default office hours: Monday to Friday 07:30–11:30 and 13:30–17:00.
describe("afterOpenTime", () => {
  it("counts only opening time, across the lunch break", () => {
    expect(afterOpenTime(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-02T07:30:00"), FOUR_HOURS)).toEqual(vn("2026-03-02T11:30:00"));
    expect(afterOpenTime(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-02T09:00:00"), FOUR_HOURS)).toEqual(vn("2026-03-02T15:00:00"));
  });

  it("starts at the next opening when closed, over nights and weekends", () => {
    expect(afterOpenTime(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-02T20:00:00"), FOUR_HOURS)).toEqual(vn("2026-03-03T11:30:00"));
    expect(afterOpenTime(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-06T16:00:00"), FOUR_HOURS)).toEqual(vn("2026-03-09T10:30:00"));
  });

  it("with no time to add is the next opening", () => {
    const now = vn("2026-03-02T09:15:42");
    expect(afterOpenTime(DEFAULT_OFFICE_SCHEDULE, now, 0)).toEqual(now);
    expect(afterOpenTime(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-02T17:00:00"), 0)).toEqual(vn("2026-03-03T07:30:00"));
  });
});
