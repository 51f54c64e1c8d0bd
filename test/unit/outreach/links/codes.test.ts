// Short-link codes: URL-safe, fixed length, random.
import { describe, expect, it } from "vitest";
import { CODE_PATTERN, newLinkCode } from "../../../../server/outreach/links/codes.js";

describe("codes", () => {
  it("are URL-safe, of the fixed length, and do not repeat", () => {
    const codes = Array.from({ length: 5000 }, newLinkCode);
    for (const code of codes) expect(code).toMatch(CODE_PATTERN);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("refuses anything else", () => {
    for (const bad of ["", "short", "x".repeat(11), "abc/def123", "abc def123", "abcdefghi%", "abcdefghi\u0000"]) {
      expect(CODE_PATTERN.test(bad)).toBe(false);
    }
  });
});
