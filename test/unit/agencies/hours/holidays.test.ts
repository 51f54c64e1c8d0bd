import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../server/agencies/hours/default-schedule.js";
import { statutoryHolidays } from "../../../../server/agencies/hours/holidays.js";
import { describeDay, isOpen } from "../../../../server/agencies/hours/schedule.js";
import type { HoursOverride, Schedule } from "../../../../server/agencies/hours/types.js";

const vn = (local: string) => new Date(`${local}+07:00`);
const closedOn = (schedule: Schedule, date: string) => !isOpen(schedule, vn(`${date}T09:00:00`));
const withOverrides = (...overrides: HoursOverride[]): Schedule => ({ ...DEFAULT_OFFICE_SCHEDULE, overrides });

describe("public holidays from date-holidays (VN)", () => {
  // Pinned on purpose: a date-holidays upgrade that moves a holiday must be noticed here.
  it("lists 2026 as the library computes it", () => {
    expect(Object.fromEntries(statutoryHolidays(2026))).toEqual({
      "2026-01-01": { name: "Tết Dương lịch", inBlock: false },
      "2026-02-16": { name: "Giao thừa Tết Nguyên Đán", inBlock: true },
      "2026-02-17": { name: "Tết Nguyên Đán", inBlock: true },
      "2026-02-18": { name: "Tết Nguyên Đán", inBlock: true },
      "2026-02-19": { name: "Tết Nguyên Đán", inBlock: true },
      "2026-02-20": { name: "Tết Nguyên Đán", inBlock: true },
      "2026-04-26": { name: "Giỗ tổ Hùng Vương", inBlock: false },
      "2026-04-30": { name: "Ngày Giải phóng miền Nam", inBlock: false },
      "2026-05-01": { name: "Quốc tế Lao động", inBlock: false },
      "2026-09-02": { name: "Quốc khánh", inBlock: false },
    });
  });

  it("lists 2027 as the library computes it", () => {
    expect([...statutoryHolidays(2027).keys()]).toEqual([
      "2027-01-01",
      "2027-02-05",
      "2027-02-06",
      "2027-02-07",
      "2027-02-08",
      "2027-02-09",
      "2027-04-16",
      "2027-04-30",
      "2027-05-01",
      "2027-09-02",
    ]);
  });
});

describe("Tết", () => {
  it("2026: closed for the whole official break, Sat 14 – Sun 22 Feb, open either side", () => {
    for (const date of [
      "2026-02-14",
      "2026-02-15",
      "2026-02-16",
      "2026-02-17",
      "2026-02-18",
      "2026-02-19",
      "2026-02-20",
      "2026-02-21",
      "2026-02-22",
    ]) {
      expect(closedOn(DEFAULT_OFFICE_SCHEDULE, date), date).toBe(true);
    }
    expect(closedOn(DEFAULT_OFFICE_SCHEDULE, "2026-02-13")).toBe(false);
    expect(closedOn(DEFAULT_OFFICE_SCHEDULE, "2026-02-23")).toBe(false);
  });

  it("2026: the console names the eve and the days of Tết", () => {
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2026-02-16")).toEqual({
      date: "2026-02-16",
      open: false,
      ranges: [],
      reason: "holiday",
      holidayName: "Giao thừa Tết Nguyên Đán",
    });
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2026-02-19").holidayName).toBe("Tết Nguyên Đán");
  });

  it("2027: closed Fri 5, Mon 8 and Tue 9 Feb; the weekend in between is Tết too", () => {
    for (const date of ["2027-02-05", "2027-02-08", "2027-02-09"]) expect(closedOn(DEFAULT_OFFICE_SCHEDULE, date), date).toBe(true);
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2027-02-06")).toMatchObject({ reason: "holiday", holidayName: "Tết Nguyên Đán" });
  });

  it("2027: the days the government will add around the block stay open until an admin adds overrides", () => {
    // Two of the library's five Tết days fall on the weekend; the real break is announced each autumn.
    expect(closedOn(DEFAULT_OFFICE_SCHEDULE, "2027-02-04")).toBe(false);
    expect(closedOn(DEFAULT_OFFICE_SCHEDULE, "2027-02-10")).toBe(false);
    const announced = withOverrides(
      { date: "2027-02-04", closed: true, note: "Nghỉ Tết" },
      { date: "2027-02-10", closed: true, note: "Nghỉ Tết" },
    );
    expect(closedOn(announced, "2027-02-04")).toBe(true);
    expect(closedOn(announced, "2027-02-10")).toBe(true);
  });
});

describe("fixed-date holidays", () => {
  it("closes on National Day, 2 September", () => {
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2026-09-02")).toMatchObject({ open: false, reason: "holiday", holidayName: "Quốc khánh" });
    expect(closedOn(DEFAULT_OFFICE_SCHEDULE, "2027-09-02")).toBe(true);
  });

  it("needs overrides for the rest of the 2026 National Day break (Sat 29 Aug – Wed 2 Sep)", () => {
    expect(closedOn(DEFAULT_OFFICE_SCHEDULE, "2026-08-31")).toBe(false);
    expect(closedOn(DEFAULT_OFFICE_SCHEDULE, "2026-09-01")).toBe(false);
    const announced = withOverrides({ date: "2026-08-31", closed: true }, { date: "2026-09-01", closed: true });
    for (const date of ["2026-08-31", "2026-09-01", "2026-09-02"]) expect(closedOn(announced, date), date).toBe(true);
    expect(closedOn(announced, "2026-09-03")).toBe(false);
  });

  it("closes on Hùng Kings day, 10/3 lunar: Friday 16 April 2027", () => {
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2027-04-16")).toMatchObject({ open: false, holidayName: "Giỗ tổ Hùng Vương" });
  });

  it("gives the next working day off when a holiday falls on the weekend (Hùng Kings on Sunday 26 April 2026)", () => {
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2026-04-26")).toMatchObject({ reason: "holiday", holidayName: "Giỗ tổ Hùng Vương" });
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2026-04-27")).toMatchObject({
      open: false,
      reason: "holiday",
      holidayName: "Nghỉ bù Giỗ tổ Hùng Vương",
    });
    expect(closedOn(DEFAULT_OFFICE_SCHEDULE, "2026-04-28")).toBe(false);
  });

  it("1 May 2027 is a Saturday, so Monday 3 May is off", () => {
    expect(describeDay(DEFAULT_OFFICE_SCHEDULE, "2027-05-03").holidayName).toBe("Nghỉ bù Quốc tế Lao động");
  });

  it("gives no compensatory day when the holiday falls on a day the schedule works", () => {
    const sixDays: Schedule = {
      ...DEFAULT_OFFICE_SCHEDULE,
      weekly: { ...DEFAULT_OFFICE_SCHEDULE.weekly, 6: [{ opens: "07:30", closes: "11:30" }] },
    };
    expect(closedOn(sixDays, "2027-05-01")).toBe(true);
    expect(closedOn(sixDays, "2027-05-03")).toBe(false);
  });

  it("ignores holidays when the schedule does not observe them", () => {
    const always: Schedule = { ...DEFAULT_OFFICE_SCHEDULE, observeHolidays: false };
    expect(isOpen(always, vn("2026-02-17T09:00:00"))).toBe(true);
    expect(describeDay(always, "2026-09-02")).toMatchObject({ open: true, reason: "weekly" });
    expect(describeDay(always, "2026-09-02").holidayName).toBeUndefined();
  });
});
