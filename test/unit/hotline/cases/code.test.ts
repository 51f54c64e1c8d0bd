import { describe, expect, it } from "vitest";
import { formatCaseCode, keyedDigits, parseCaseCode } from "../../../../server/hotline/cases/code.js";

describe("case codes", () => {
  it("formats the year and a six-digit sequence, longer when needed", () => {
    expect(formatCaseCode(2026, 4821)).toBe("GL-2026-004821");
    expect(formatCaseCode(2026, 1)).toBe("GL-2026-000001");
    expect(formatCaseCode(2026, 1_234_567)).toBe("GL-2026-1234567");
    expect(keyedDigits("GL-2026-004821")).toBe("2026004821");
  });

  it("reads what callers key and staff type", () => {
    for (const input of ["2026004821", "GL-2026-004821", "gl 2026 4821", " GL2026-004821 ", "2026.004821"]) {
      expect(parseCaseCode(input, 2027)).toBe("GL-2026-004821");
    }
    // The number alone is this year's.
    expect(parseCaseCode("4821", 2026)).toBe("GL-2026-004821");
    expect(parseCaseCode("004821", 2027)).toBe("GL-2027-004821");
  });

  it("refuses what cannot be a code", () => {
    for (const input of ["", "abc", "GL-", "0", "1999-000001", "3000-000001", "2026-1234567890", "2026 1 2", "GL-2026-00x821", "\u0000"]) {
      expect(parseCaseCode(input, 2026)).toBeNull();
    }
  });
});
