// Report periods: months and quarters of Vietnam days, refused with the field named.
import { describe, expect, it } from "vitest";
import { isClosed, previousMonthKey, reportPeriod } from "../../../../../server/hotline/reports/periodic/period.js";
import { HttpError } from "../../../../../server/platform/http/errors.js";

describe("report periods", () => {
  it("a month runs from 00:00 Vietnam on the 1st to 00:00 on the 1st of the next", () => {
    const p = reportPeriod("2026-11");
    expect(p).toMatchObject({ key: "2026-11", kind: "month", from: "2026-11-01", to: "2026-11-30" });
    expect(p.start.toISOString()).toBe("2026-10-31T17:00:00.000Z");
    expect(p.end.toISOString()).toBe("2026-11-30T17:00:00.000Z");
    expect(reportPeriod("2028-02")).toMatchObject({ to: "2028-02-29" });
    expect(reportPeriod("2026-12").end.toISOString()).toBe("2026-12-31T17:00:00.000Z");
  });

  it("a quarter is its three months", () => {
    expect(reportPeriod("2026-Q4")).toMatchObject({ kind: "quarter", from: "2026-10-01", to: "2026-12-31" });
    expect(reportPeriod("2026-Q1")).toMatchObject({ from: "2026-01-01", to: "2026-03-31" });
  });

  it.each(["2026-13", "2026-00", "2026-Q5", "2026-Q0", "2026-1", "26-11", "2026-11-01", "", "2026-11\u0000", "1999-12"])(
    "refuses %j naming the field",
    (key) => {
      const error = (() => {
        try {
          reportPeriod(key);
        } catch (e) {
          return e;
        }
      })() as HttpError;
      expect(error).toBeInstanceOf(HttpError);
      expect(error.statusCode).toBe(400);
      expect(Object.keys(error.details.errors ?? {})).toEqual(["period"]);
    },
  );

  it("last month and closed periods follow Vietnam time", () => {
    // 1 December 00:30 in Vietnam is still 30 November in UTC.
    expect(previousMonthKey(new Date("2026-11-30T17:30:00Z"))).toBe("2026-11");
    expect(previousMonthKey(new Date("2026-11-30T16:30:00Z"))).toBe("2026-10");
    expect(previousMonthKey(new Date("2027-01-05T03:00:00Z"))).toBe("2026-12");
    expect(isClosed(reportPeriod("2026-11"), new Date("2026-11-30T17:00:00Z"))).toBe(true);
    expect(isClosed(reportPeriod("2026-11"), new Date("2026-11-30T16:59:59Z"))).toBe(false);
  });
});
