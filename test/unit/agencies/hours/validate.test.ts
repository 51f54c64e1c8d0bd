import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../server/agencies/hours/default-schedule.js";
import {
  minutesOf,
  validateOverrides,
  validateRanges,
  validateSchedule,
  validateWeeklyHours,
} from "../../../../server/agencies/hours/validate.js";

describe("minutesOf", () => {
  it("reads a validated time and fails loudly on one that skipped validation", () => {
    expect(minutesOf("24:00")).toBe(1440);
    expect(() => minutesOf("7h30")).toThrow('"7h30" is not a time in HH:MM form between 00:00 and 24:00, e.g. "07:30"');
  });
});

describe("validateRanges", () => {
  it("accepts the office day, and ranges that touch", () => {
    expect(validateWeeklyHours(DEFAULT_OFFICE_SCHEDULE.weekly)).toEqual([]);
    expect(
      validateRanges(
        [
          { opens: "07:30", closes: "11:30" },
          { opens: "11:30", closes: "12:00" },
        ],
        "weekly.1",
      ),
    ).toEqual([]);
  });

  it("points at the malformed field", () => {
    expect(validateRanges([{ opens: "7h30", closes: "11:30" }], "weekly.1")).toEqual([
      {
        path: "weekly.1.0.opens",
        code: "time_format",
        message: '"7h30" is not a time in HH:MM form between 00:00 and 24:00, e.g. "07:30"',
      },
    ]);
  });

  it("requires opens before closes and says a range cannot cross midnight", () => {
    expect(validateRanges([{ opens: "17:00", closes: "07:30" }], "weekly.2")).toEqual([
      {
        path: "weekly.2.0.closes",
        code: "range_order",
        message: "closes (07:30) must be later than opens (17:00); a range cannot cross midnight, split it at 24:00",
      },
    ]);
    expect(validateRanges([{ opens: "08:00", closes: "08:00" }], "weekly.2")[0]?.code).toBe("range_order");
  });

  it("rejects overlapping ranges, naming both", () => {
    const issues = validateRanges(
      [
        { opens: "07:30", closes: "11:30" },
        { opens: "11:00", closes: "13:00" },
      ],
      "weekly.3",
    );
    expect(issues).toEqual([
      { path: "weekly.3.1", code: "range_overlap", message: "11:00–13:00 overlaps 07:30–11:30 (range 1 of this day)" },
    ]);
  });

  it("catches a long range overlapping ranges that do not overlap each other", () => {
    const issues = validateRanges(
      [
        { opens: "08:00", closes: "09:00" },
        { opens: "10:00", closes: "11:00" },
        { opens: "07:00", closes: "17:00" },
      ],
      "weekly.4",
    );
    expect(issues.map((issue) => issue.message)).toEqual([
      "08:00–09:00 overlaps 07:00–17:00 (range 3 of this day)",
      "10:00–11:00 overlaps 07:00–17:00 (range 3 of this day)",
    ]);
  });
});

describe("validateOverrides", () => {
  it("accepts a day off and a swapped Saturday, and 29 February in a leap year", () => {
    expect(
      validateOverrides([
        { date: "2026-02-14", closed: true },
        { date: "2026-03-07", closed: false, ranges: [{ opens: "07:30", closes: "11:30" }] },
        { date: "2028-02-29", closed: true },
      ]),
    ).toEqual([]);
  });

  it.each([
    ["2026-02-29", "date_invalid", "2026-02-29 is not a real calendar date"],
    ["2026-13-01", "date_invalid", "2026-13-01 is not a real calendar date"],
    ["2026-2-3", "date_format", '"2026-2-3" is not a date in YYYY-MM-DD form, e.g. "2026-02-14"'],
    ["14/02/2026", "date_format", '"14/02/2026" is not a date in YYYY-MM-DD form, e.g. "2026-02-14"'],
  ])("rejects %s", (date, code, message) => {
    expect(validateOverrides([{ date, closed: true }])).toEqual([{ path: "overrides.0.date", code, message }]);
  });

  it("allows one override per day", () => {
    expect(
      validateOverrides([
        { date: "2026-09-01", closed: true },
        { date: "2026-09-01", closed: false, ranges: [{ opens: "08:00", closes: "11:00" }] },
      ]),
    ).toEqual([
      { path: "overrides.1.date", code: "date_duplicate", message: "2026-09-01 already has an override (number 1); keep one per day" },
    ]);
  });

  it("needs ranges on an override that opens, and checks them", () => {
    expect(validateOverrides([{ date: "2026-03-07", closed: false, ranges: [] }])).toEqual([
      {
        path: "overrides.0.ranges",
        code: "ranges_empty",
        message: "an override that opens the day needs at least one range; mark the day closed instead",
      },
    ]);
    expect(validateOverrides([{ date: "2026-03-07", closed: false, ranges: [{ opens: "11:00", closes: "10:00" }] }])[0]?.path).toBe(
      "overrides.0.ranges.0.closes",
    );
  });
});

describe("validateSchedule", () => {
  it("finds nothing wrong with the default office schedule", () => {
    expect(validateSchedule(DEFAULT_OFFICE_SCHEDULE)).toEqual([]);
  });

  it("collects issues from weekly hours and overrides together", () => {
    const issues = validateSchedule({
      ...DEFAULT_OFFICE_SCHEDULE,
      weekly: { ...DEFAULT_OFFICE_SCHEDULE.weekly, 6: [{ opens: "08:00", closes: "25:00" }] },
      overrides: [{ date: "2026-02-30", closed: true }],
    });
    expect(issues.map((issue) => issue.path)).toEqual(["weekly.6.0.closes", "overrides.0.date"]);
  });
});
