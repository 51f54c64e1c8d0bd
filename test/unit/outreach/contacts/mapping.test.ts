import { describe, expect, it } from "vitest";
import { guessMapping, parseConsent, parseConsentDate } from "../../../../server/outreach/contacts/mapping.js";

describe("column mapping", () => {
  it("guesses columns and consent answers", () => {
    expect(guessMapping(["SĐT", "Họ và tên", "Xã/Phường"])).toEqual({ phone: "SĐT", name: "Họ và tên", commune: "Xã/Phường" });
    expect(["Có", "đồng ý", "x", "Không", "từ chối", "", "?"].map(parseConsent)).toEqual([
      "granted",
      "granted",
      "granted",
      "refused",
      "refused",
      "unknown",
      "unrecognised",
    ]);
  });
});

describe("consent dates", () => {
  it("reads day-first and ISO dates in Vietnam time, and refuses days that do not exist instead of rolling them over", () => {
    expect(parseConsentDate("01/03/2026")).toEqual(new Date("2026-02-28T17:00:00Z"));
    expect(parseConsentDate("2026-03-01")).toEqual(new Date("2026-02-28T17:00:00Z"));
    expect(parseConsentDate("2026-03-01T08:00:00+07:00")).toEqual(new Date("2026-03-01T01:00:00Z"));
    expect(["31/02/2026", "2026-13-45", "2026-02-31T08:00:00+07:00", "hôm qua", "2026-03-01T25:00"].map(parseConsentDate)).toEqual(
      Array(5).fill("invalid"),
    );
  });
});
