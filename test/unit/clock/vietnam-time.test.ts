import { describe, expect, it } from "vitest";
import {
  addDays,
  displayDate,
  fromVietnamDateTime,
  isRealDate,
  vietnamClock,
  vietnamDateTime,
  vietnamDisplayDateTime,
  vietnamInstant,
  weekdayOf,
} from "../../../server/clock/vietnam-time.js";

describe("the Vietnam clock", () => {
  it("reads an instant as Vietnam's day, weekday and minute (UTC+7)", () => {
    expect(vietnamClock(new Date("2026-03-10T16:59:00Z"))).toEqual({ date: "2026-03-10", weekday: 2, minutes: 23 * 60 + 59 });
    expect(vietnamClock(new Date("2026-03-10T17:00:00Z"))).toEqual({ date: "2026-03-11", weekday: 3, minutes: 0 });
    expect(() => vietnamClock(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("turns a Vietnam day and minute back into the instant; minute 1440 is the next midnight", () => {
    expect(vietnamInstant("2026-03-10", 7 * 60)).toEqual(new Date("2026-03-10T00:00:00Z"));
    expect(vietnamInstant("2026-03-10", 1440)).toEqual(vietnamInstant("2026-03-11", 0));
  });

  it("counts calendar days across months and years", () => {
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(weekdayOf("2026-03-10")).toBe(2);
    expect(isRealDate("2028-02-29")).toBe(true);
    expect(isRealDate("2026-02-29")).toBe(false);
  });

  it("shows and reads the wall-clock form of <input type=datetime-local>", () => {
    expect(vietnamDateTime(new Date("2026-03-10T17:30:00Z"))).toBe("2026-03-11T00:30");
    expect(fromVietnamDateTime("2026-03-11T00:30")).toEqual(new Date("2026-03-10T17:30:00Z"));
    expect(fromVietnamDateTime("2026-03-11T00:30:15")).toEqual(new Date("2026-03-10T17:30:15Z"));
    expect(fromVietnamDateTime("not a time")).toBeNull();
  });
});

describe("dates as Vietnamese readers write them", () => {
  it("shows an instant in Vietnam time, day first, and a day as dd/MM/yyyy", () => {
    expect(vietnamDisplayDateTime(new Date("2026-12-31T17:05:09Z"))).toBe("01/01/2027 00:05:09");
    expect(displayDate("2026-02-01")).toBe("01/02/2026");
  });
});
