import { describe, expect, it } from "vitest";
import { parseTimeOfDay } from "../../../server/clock/time-of-day.js";

describe("parseTimeOfDay", () => {
  it.each([
    ["00:00", 0],
    ["07:30", 450],
    ["23:59", 1439],
    ["24:00", 1440],
  ])("reads %s as %i minutes", (text, minutes) => {
    expect(parseTimeOfDay(text)).toBe(minutes);
  });

  it.each(["7:30", "07:60", "25:00", "24:30", "24:00 ", "0730", " 07:30", "07:30:00", "", "aa:bb"])("rejects %j", (text) => {
    expect(parseTimeOfDay(text)).toBeNull();
  });
});
