import { describe, expect, it } from "vitest";
import { spokenDate, spokenReference } from "../../../../server/hotline/ivr/speech.js";

describe("references and dates read aloud", () => {
  it("reads a case code's digits one by one, year and number apart, without the province's letters", () => {
    expect(spokenReference("GL-2026-004821")).toBe("2 0 2 6, 0 0 4 8 2 1");
  });

  it("reads a dossier code's groups that hold digits, letters included", () => {
    expect(spokenReference("000.00.12.H21-241201-0001")).toBe("0 0 0, 0 0, 1 2, H 2 1, 2 4 1 2 0 1, 0 0 0 1");
  });

  it("says a date as Vietnamese speakers do, without leading zeros", () => {
    expect(spokenDate("2026-12-12")).toBe("ngày 12 tháng 12 năm 2026");
    expect(spokenDate("2027-01-05")).toBe("ngày 5 tháng 1 năm 2027");
    expect(spokenDate(null)).toBe("chưa xác định");
  });
});
