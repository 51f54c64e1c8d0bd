import { describe, expect, it } from "vitest";
import { maskPhone } from "../../../server/phone/mask.js";

describe("maskPhone", () => {
  it.each([
    ["+84912345678", "+84 91x xxx 678"],
    ["+84321234567", "+84 32x xxx 567"],
    ["+842563822478", "+84 25x xxxx 478"],
    ["+8418001090", "+84 18x xx 090"],
    ["+12025550123", "+xxxxxxxx123"],
  ])("%s → %s", (e164, masked) => {
    expect(maskPhone(e164)).toBe(masked);
  });

  it("never shows the middle digits", () => {
    const masked = maskPhone("+84912345678");
    for (const digits of ["2345", "345", "45"]) expect(masked.replace(/\s/g, "")).not.toContain(digits);
  });

  it.each(["0912345678", "84912345678", "+84 912 345 678", "", "+84abc"])("masks %j completely, since it is not E.164", (input) => {
    expect(maskPhone(input)).toBe("[invalid phone]");
  });
});
