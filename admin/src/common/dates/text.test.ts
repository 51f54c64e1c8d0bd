// The typed Vietnamese dates and times and the API values they stand for.
import { describe, expect, it } from "vitest";
import { applyMask, DATE_MASK, DATE_TIME_MASK, dateToText, instantToText, isTimeOfDay, TIME_MASK, textToDate, textToInstant } from "./text";

describe("typed dates and times", () => {
  it("puts the separators between the digits typed, whatever else was typed", () => {
    expect(applyMask("3004", DATE_MASK)).toBe("30/04");
    expect(applyMask("30/04/2026", DATE_MASK)).toBe("30/04/2026");
    expect(applyMask("300420261", DATE_MASK)).toBe("30/04/2026");
    expect(applyMask("0730", TIME_MASK)).toBe("07:30");
    expect(applyMask("300420260800", DATE_TIME_MASK)).toBe("30/04/2026 08:00");
    expect(applyMask("30/", DATE_MASK)).toBe("30");
  });

  it("reads dd/mm/yyyy as the API's YYYY-MM-DD, and only days that exist", () => {
    expect(textToDate("30/04/2026")).toBe("2026-04-30");
    expect(textToDate("31/02/2026")).toBeNull();
    expect(textToDate("30/04/20")).toBeNull();
    expect(dateToText("2026-04-30")).toBe("30/04/2026");
    expect(dateToText("30/04")).toBe("30/04");
  });

  it("accepts 24:00 only as the end of a day", () => {
    expect(isTimeOfDay("24:00", true)).toBe(true);
    expect(isTimeOfDay("24:00", false)).toBe(false);
    expect(isTimeOfDay("23:59", false)).toBe(true);
    expect(isTimeOfDay("07:3", true)).toBe(false);
    expect(isTimeOfDay("7:30 PM", true)).toBe(false);
  });

  it("reads dd/mm/yyyy hh:mm as Vietnam time and shows an instant in it", () => {
    expect(textToInstant("30/04/2026 08:00")).toBe("2026-04-30T01:00:00.000Z");
    expect(textToInstant("30/04/2026 24:00")).toBeNull();
    expect(textToInstant("30/04/2026 08")).toBeNull();
    expect(instantToText("2026-04-30T17:30:00.000Z")).toBe("01/05/2026 00:30");
  });
});
