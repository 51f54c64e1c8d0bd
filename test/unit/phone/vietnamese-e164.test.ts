import { describe, expect, it } from "vitest";
import { normalizeVietnamesePhone } from "../../../server/phone/normalize.js";
import { isVietnameseMobile, VIETNAMESE_NUMBER_PATTERN } from "../../../server/phone/vietnamese-e164.js";

const e164 = (typed: string) => {
  const result = normalizeVietnamesePhone(typed);
  if (!result.ok) throw new Error(`${typed}: ${result.reason}`);
  return result;
};

describe("isVietnameseMobile on stored numbers", () => {
  it.each(["0912345678", "0321234567", "0561234567", "0701234567", "0861234567", "0591234567"])(
    "agrees with normalisation that %s is a mobile",
    (typed) => {
      const number = e164(typed);
      expect(number.type).toBe("mobile");
      expect(isVietnameseMobile(number.e164)).toBe(true);
    },
  );

  it.each(["02438253536", "02838221234", "18001234"])("refuses %s, which normalisation does not call a mobile either", (typed) => {
    const number = e164(typed);
    expect(number.type).not.toBe("mobile");
    expect(isVietnameseMobile(number.e164)).toBe(false);
  });

  it("refuses what is not a stored Vietnamese mobile at all", () => {
    for (const text of ["0912345678", "+8491234567", "+849123456789", "+14155550100", ""]) expect(isVietnameseMobile(text)).toBe(false);
  });

  it("knows any stored Vietnamese number by its length", () => {
    const pattern = new RegExp(VIETNAMESE_NUMBER_PATTERN);
    expect(pattern.test("+84912345678")).toBe(true);
    expect(pattern.test("+842438253536")).toBe(true);
    expect(pattern.test("+8491234567")).toBe(false);
    expect(pattern.test("+14155550100")).toBe(false);
  });
});
