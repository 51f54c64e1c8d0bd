// The wait histograms are read as whole months plus the days around them: every day of the period
// exactly once.
import { describe, expect, it } from "vitest";
import { monthSplit } from "../../../../server/hotline/reports/satisfaction.js";

describe("monthSplit", () => {
  it("reads a whole month from the monthly table and no day", () => {
    expect(monthSplit("2026-02-01", "2026-02-28")).toEqual({
      headEnd: "2026-02-01",
      monthsStart: "2026-02-01",
      monthsEnd: "2026-03-01",
      tailStart: "2026-03-01",
    });
  });

  it("reads the days before and after the whole months of a year from the daily table", () => {
    expect(monthSplit("2025-12-02", "2026-12-01")).toEqual({
      headEnd: "2026-01-01",
      monthsStart: "2026-01-01",
      monthsEnd: "2026-12-01",
      tailStart: "2026-12-01",
    });
  });

  it("reads a period inside one month (or across two without a whole one) day by day", () => {
    expect(monthSplit("2026-02-10", "2026-03-05")).toEqual({
      headEnd: "2026-03-06",
      monthsStart: "2026-03-06",
      monthsEnd: "2026-03-06",
      tailStart: "2026-03-06",
    });
    expect(monthSplit("2026-12-31", "2026-12-31").headEnd).toBe("2027-01-01");
  });
});
