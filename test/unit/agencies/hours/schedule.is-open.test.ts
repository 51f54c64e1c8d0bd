import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../server/agencies/hours/default-schedule.js";
import { describeDay, isOpen } from "../../../../server/agencies/hours/schedule.js";
import type { Schedule } from "../../../../server/agencies/hours/types.js";

/** An instant given as Vietnam wall-clock time, whatever the machine's own time zone. */
const vn = (local: string) => new Date(`${local}+07:00`);

describe("isOpen with the default office schedule (Mon–Fri 07:30–11:30, 13:30–17:00)", () => {
  // Monday 2 March 2026, an ordinary working day.
  it.each([
    ["2026-03-02T07:29:00", false],
    ["2026-03-02T07:29:59.999", false],
    ["2026-03-02T07:30:00", true],
    ["2026-03-02T11:29:59", true],
    ["2026-03-02T11:30:00", false],
    ["2026-03-02T12:15:00", false],
    ["2026-03-02T13:29:00", false],
    ["2026-03-02T13:30:00", true],
    ["2026-03-02T16:59:59", true],
    ["2026-03-02T17:00:00", false],
    ["2026-03-02T21:00:00", false],
  ])("%s is %s", (local, open) => {
    expect(isOpen(DEFAULT_OFFICE_SCHEDULE, vn(local))).toBe(open);
  });

  it("reads the clock in Vietnam time: 00:30 UTC is 07:30 in Gia Lai", () => {
    expect(isOpen(DEFAULT_OFFICE_SCHEDULE, new Date("2026-03-02T00:29:00Z"))).toBe(false);
    expect(isOpen(DEFAULT_OFFICE_SCHEDULE, new Date("2026-03-02T00:30:00Z"))).toBe(true);
    expect(isOpen(DEFAULT_OFFICE_SCHEDULE, new Date("2026-03-02T10:00:00Z"))).toBe(false);
  });

  it("is closed all weekend", () => {
    expect(isOpen(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-07T09:00:00"))).toBe(false);
    expect(isOpen(DEFAULT_OFFICE_SCHEDULE, vn("2026-03-08T09:00:00"))).toBe(false);
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2026-03-07")).toEqual({ date: "2026-03-07", open: false, ranges: [], reason: "weekly" });
  });

  it("describes a working day with both ranges in order", () => {
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2026-03-02")).toEqual({
      date: "2026-03-02",
      open: true,
      ranges: [
        { opens: "07:30", closes: "11:30" },
        { opens: "13:30", closes: "17:00" },
      ],
      reason: "weekly",
    });
  });

  it("takes the day of an instant in Vietnam time: Sunday 23:00 UTC is already Monday", () => {
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, new Date("2026-03-01T23:00:00Z")).date).toBe("2026-03-02");
  });
});

describe("isOpen with other weekly hours", () => {
  it("uses the Vietnam day for a schedule that only opens on Mondays, all day", () => {
    const mondays: Schedule = {
      weekly: { 0: [], 1: [{ opens: "00:00", closes: "24:00" }], 2: [], 3: [], 4: [], 5: [], 6: [] },
      overrides: [],
      observeHolidays: false,
    };
    // 17:00 UTC on Sunday is midnight starting Monday in Vietnam.
    expect(isOpen(mondays, new Date("2026-03-01T16:59:59Z"))).toBe(false);
    expect(isOpen(mondays, new Date("2026-03-01T17:00:00Z"))).toBe(true);
    expect(isOpen(mondays, vn("2026-03-02T23:59:59"))).toBe(true);
    expect(isOpen(mondays, vn("2026-03-03T00:00:00"))).toBe(false);
  });

  it("refuses to evaluate a schedule with a malformed time rather than guess", () => {
    const broken: Schedule = {
      ...DEFAULT_OFFICE_SCHEDULE,
      weekly: { ...DEFAULT_OFFICE_SCHEDULE.weekly, 1: [{ opens: "7:30", closes: "17:00" }] },
    };
    expect(() => isOpen(broken, vn("2026-03-02T09:00:00"))).toThrow(/"7:30" is not a time in HH:MM form/);
  });

  it("rejects a day that does not exist", () => {
    expect(() => describeDay(DEFAULT_OFFICE_SCHEDULE, "2026-02-29")).toThrow(RangeError);
  });
});
