import { describe, expect, it } from "vitest";
import { DEFAULT_OFFICE_SCHEDULE } from "../../../../server/agencies/hours/default-schedule.js";
import { describeDay, isOpen } from "../../../../server/agencies/hours/schedule.js";
import type { Schedule } from "../../../../server/agencies/hours/types.js";

const vn = (local: string) => new Date(`${local}+07:00`);
const OFFICE_DAY = [
  { opens: "07:30", closes: "11:30" },
  { opens: "13:30", closes: "17:00" },
];

describe("dated overrides", () => {
  it("opens a swapped working Saturday with its own ranges", () => {
    const schedule: Schedule = {
      ...DEFAULT_OFFICE_SCHEDULE,
      overrides: [{ date: "2026-03-07", closed: false, ranges: OFFICE_DAY, note: "Làm bù" }],
    };
    expect(isOpen(schedule, vn("2026-03-07T07:30:00"))).toBe(true);
    expect(isOpen(schedule, vn("2026-03-07T12:00:00"))).toBe(false);
    expect(isOpen(schedule, vn("2026-03-14T09:00:00"))).toBe(false);
    expect(describeDay(schedule, "2026-03-07")).toEqual({
      date: "2026-03-07",
      open: true,
      ranges: OFFICE_DAY,
      reason: "override",
      note: "Làm bù",
    });
  });

  it("closes a working day given off", () => {
    const schedule: Schedule = { ...DEFAULT_OFFICE_SCHEDULE, overrides: [{ date: "2026-03-04", closed: true, note: "Tổng vệ sinh" }] };
    expect(isOpen(schedule, vn("2026-03-04T09:00:00"))).toBe(false);
    expect(isOpen(schedule, vn("2026-03-05T09:00:00"))).toBe(true);
    expect(describeDay(schedule, "2026-03-04")).toEqual({
      date: "2026-03-04",
      open: false,
      ranges: [],
      reason: "override",
      note: "Tổng vệ sinh",
    });
  });

  it("beats a holiday, and the console still sees which holiday it is", () => {
    const onDuty: Schedule = {
      ...DEFAULT_OFFICE_SCHEDULE,
      overrides: [{ date: "2026-09-02", closed: false, ranges: [{ opens: "08:00", closes: "11:00" }] }],
    };
    expect(isOpen(onDuty, vn("2026-09-02T08:00:00"))).toBe(true);
    expect(isOpen(onDuty, vn("2026-09-02T11:00:00"))).toBe(false);
    expect(describeDay(onDuty, "2026-09-02")).toEqual({
      date: "2026-09-02",
      open: true,
      ranges: [{ opens: "08:00", closes: "11:00" }],
      reason: "override",
      holidayName: "Quốc khánh",
    });
  });

  it("lists an override's ranges in time order whatever order they were entered in", () => {
    const schedule: Schedule = {
      ...DEFAULT_OFFICE_SCHEDULE,
      overrides: [{ date: "2026-03-07", closed: false, ranges: [OFFICE_DAY[1], OFFICE_DAY[0]] as typeof OFFICE_DAY }],
    };
    expect(describeDay(schedule, "2026-03-07").ranges).toEqual(OFFICE_DAY);
  });
});
