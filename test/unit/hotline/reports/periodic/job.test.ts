// The first working day of the month, on which last month's report is prepared.
import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../../server/agencies/hours/default-schedule.js";
import { firstWorkingDay } from "../../../../../server/hotline/reports/periodic/job.js";

describe("the first working day of the month", () => {
  it("skips weekends, public holidays and dated days off", () => {
    // 1 November 2026 is a Sunday.
    expect(firstWorkingDay(DEFAULT_OFFICE_SCHEDULE, new Date("2026-11-15T03:00:00Z"))).toBe("2026-11-02");
    // 1 January is New Year's Day.
    expect(firstWorkingDay(DEFAULT_OFFICE_SCHEDULE, new Date("2027-01-20T03:00:00Z"))).toBe("2027-01-04");
    const dayOff = { ...DEFAULT_OFFICE_SCHEDULE, overrides: [{ date: "2026-12-01", closed: true as const }] };
    expect(firstWorkingDay(dayOff, new Date("2026-12-10T03:00:00Z"))).toBe("2026-12-02");
  });
});
