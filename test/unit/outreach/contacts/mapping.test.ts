import { describe, expect, it } from "vitest";
import { guessMapping, parseConsent } from "../../../../server/outreach/contacts/mapping.js";

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
