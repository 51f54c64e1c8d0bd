import parsePhoneNumber from "libphonenumber-js/max";
import { describe, expect, it } from "vitest";
import { canReceiveSms, normalizeVietnamesePhone } from "../../../server/phone/normalize.js";

describe("normalizeVietnamesePhone: the forms people write", () => {
  it.each([
    "0912 345 678",
    "0912345678",
    "84912345678",
    "+84912345678",
    "+84.912.345.678",
    "(+84) 912-345-678",
    "+84 (0) 912 345 678",
    "0084 912 345 678",
    "  0912.345.678  ",
    "912345678", // a spreadsheet dropped the leading 0
  ])("%j → +84912345678", (input) => {
    expect(normalizeVietnamesePhone(input)).toEqual({ ok: true, e164: "+84912345678", type: "mobile", carrier: "VinaPhone" });
  });
});

describe("normalizeVietnamesePhone: old 11-digit mobile numbers converted in 2018–2019", () => {
  // [old prefix, new prefix, network], straight from the conversion plan.
  const conversions = [
    ["0162", "032", "Viettel"],
    ["0163", "033", "Viettel"],
    ["0164", "034", "Viettel"],
    ["0165", "035", "Viettel"],
    ["0166", "036", "Viettel"],
    ["0167", "037", "Viettel"],
    ["0168", "038", "Viettel"],
    ["0169", "039", "Viettel"],
    ["0120", "070", "MobiFone"],
    ["0121", "079", "MobiFone"],
    ["0122", "077", "MobiFone"],
    ["0126", "076", "MobiFone"],
    ["0128", "078", "MobiFone"],
    ["0123", "083", "VinaPhone"],
    ["0124", "084", "VinaPhone"],
    ["0125", "085", "VinaPhone"],
    ["0127", "081", "VinaPhone"],
    ["0129", "082", "VinaPhone"],
    ["0186", "056", "Vietnamobile"],
    ["0188", "058", "Vietnamobile"],
    ["0199", "059", "Gmobile"],
  ] as const;

  it.each(conversions)("%s xxx → %s xxx (%s), in every written form", (oldPrefix, newPrefix, carrier) => {
    const expected = { ok: true, e164: `+84${newPrefix.slice(1)}4567890`, type: "mobile", carrier };
    const oldNational = oldPrefix.slice(1);
    expect(normalizeVietnamesePhone(`${oldPrefix} 456 7890`)).toEqual(expected);
    expect(normalizeVietnamesePhone(`+84${oldNational}4567890`)).toEqual(expected);
    expect(normalizeVietnamesePhone(`84${oldNational}4567890`)).toEqual(expected);
    expect(normalizeVietnamesePhone(`+84 ${oldNational}.456.7890`)).toEqual(expected);
  });

  it("does not treat an 01xx prefix that was never a mobile network as one", () => {
    expect(normalizeVietnamesePhone("0130 456 7890")).toEqual({ ok: false, reason: "invalid" });
  });
});

describe("normalizeVietnamesePhone: type and network", () => {
  it.each([
    ["0961 234 567", "Viettel"],
    ["0971 234 567", "Viettel"],
    ["0981 234 567", "Viettel"],
    ["0861 234 567", "Viettel"],
    ["0321 234 567", "Viettel"],
    ["0391 234 567", "Viettel"],
    ["0881 234 567", "VinaPhone"],
    ["0911 234 567", "VinaPhone"],
    ["0941 234 567", "VinaPhone"],
    ["0811 234 567", "VinaPhone"],
    ["0851 234 567", "VinaPhone"],
    ["0898 234 567", "MobiFone"],
    ["0901 234 567", "MobiFone"],
    ["0931 234 567", "MobiFone"],
    ["0701 234 567", "MobiFone"],
    ["0761 234 567", "MobiFone"],
    ["0791 234 567", "MobiFone"],
    ["0921 234 567", "Vietnamobile"],
    ["0561 234 567", "Vietnamobile"],
    ["0581 234 567", "Vietnamobile"],
    ["0993 234 567", "Gmobile"],
    ["0591 234 567", "Gmobile"],
    ["0871 234 567", "Itelecom"],
    ["0559 234 567", "Reddi"],
  ])("%s is a %s mobile", (input, carrier) => {
    const result = normalizeVietnamesePhone(input);
    expect(result).toMatchObject({ ok: true, type: "mobile", carrier });
    expect(canReceiveSms(result)).toBe(true);
  });

  it.each([
    ["0256 3822 478", "+842563822478"],
    ["0269 3824 222", "+842693824222"],
    ["(+84) 256 3822 478", "+842563822478"],
    ["024 3825 4444", "+842438254444"],
  ])("%s is a landline that cannot receive SMS", (input, e164) => {
    const result = normalizeVietnamesePhone(input);
    expect(result).toEqual({ ok: true, e164, type: "landline" });
    expect(canReceiveSms(result)).toBe(false);
  });

  it.each([
    ["1800 1090", "+8418001090"],
    ["1900 1234", "+8419001234"],
  ])("%s is a service number: callable, not for SMS", (input, e164) => {
    const result = normalizeVietnamesePhone(input);
    expect(result).toEqual({ ok: true, e164, type: "other" });
    expect(canReceiveSms(result)).toBe(false);
  });
});

describe("normalizeVietnamesePhone: rejections", () => {
  it.each([
    ["+1 202 555 0123", "not_vietnamese"],
    ["+44 20 7946 0958", "not_vietnamese"],
    ["0086 138 0013 8000", "not_vietnamese"],
    ["", "empty"],
    ["   ", "empty"],
    ["-", "empty"],
    ["không có", "invalid_characters"],
    ["0912 345 67x", "invalid_characters"],
    ["0912-345-678 ext 12", "invalid_characters"],
    ["+84 +912345678", "invalid_characters"],
    ["0912", "too_short"],
    ["+84", "too_short"],
    ["0912 345 678 901 23", "too_long"],
    ["0000000000", "invalid"],
    ["0123 456 789", "invalid"],
    ["0551 234 567", "invalid"], // 055 outside the 0559 block libphonenumber knows as allocated
  ])("%j → %s", (input, reason) => {
    const result = normalizeVietnamesePhone(input);
    expect(result).toEqual({ ok: false, reason });
    expect(canReceiveSms(result)).toBe(false);
  });
});

describe("normalizeVietnamesePhone: the fast path for mobiles agrees with libphonenumber", () => {
  it("gives libphonenumber's verdict for every 3-digit prefix of a 9-digit national number starting 3, 5, 7, 8 or 9", () => {
    const disagreements: string[] = [];
    for (const first of "35789") {
      for (let prefix = 0; prefix < 100; prefix++) {
        for (const suffix of ["000000", "123456", "999999", "505050"]) {
          const nsn = `${first}${String(prefix).padStart(2, "0")}${suffix}`;
          const parsed = parsePhoneNumber(`+84${nsn}`);
          const expected = parsed?.isValid() ? { e164: parsed.number, mobile: parsed.getType() === "MOBILE" } : undefined;
          const result = normalizeVietnamesePhone(`0${nsn}`);
          const actual = result.ok ? { e164: result.e164, mobile: result.type === "mobile" } : undefined;
          if (JSON.stringify(actual) !== JSON.stringify(expected)) disagreements.push(nsn);
        }
      }
    }
    expect(disagreements).toEqual([]);
  });
});
