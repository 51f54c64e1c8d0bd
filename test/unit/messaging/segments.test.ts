import { describe, expect, it } from "vitest";
import { countSegments, isGsm7, nonGsm7Characters } from "../../../server/messaging/segments.js";
import { unaccentForSms } from "../../../server/text/unaccent.js";

describe("countSegments", () => {
  it("counts an empty message as one part", () => {
    expect(countSegments("")).toEqual({ encoding: "GSM-7", characters: 0, segments: 1, perSegment: 160 });
  });

  it("fits 160 GSM-7 characters in one part and splits 161 into 153-character parts", () => {
    expect(countSegments("a".repeat(160))).toEqual({ encoding: "GSM-7", characters: 160, segments: 1, perSegment: 160 });
    expect(countSegments("a".repeat(161))).toEqual({ encoding: "GSM-7", characters: 161, segments: 2, perSegment: 153 });
    expect(countSegments("a".repeat(306)).segments).toBe(2);
    expect(countSegments("a".repeat(307)).segments).toBe(3);
  });

  it("counts each GSM-7 extension character as two", () => {
    for (const char of "^{}\\[~]|€") {
      expect(countSegments(char), char).toMatchObject({ encoding: "GSM-7", characters: 2 });
    }
    expect(countSegments("€".repeat(80))).toMatchObject({ characters: 160, segments: 1 });
    expect(countSegments(`${"€".repeat(80)}a`)).toMatchObject({ characters: 161, segments: 2 });
  });

  it("never splits an escape pair across parts", () => {
    // 152 plain characters then "€": the pair does not fit in the first 153 septets, so it moves on.
    const text = `${"a".repeat(152)}€${"a".repeat(10)}`;
    expect(countSegments(text)).toMatchObject({ characters: 164, segments: 2 });
    expect(countSegments(`${"a".repeat(152)}€${"a".repeat(152)}`)).toMatchObject({ characters: 306, segments: 3 });
  });

  it("keeps GSM-7 for the accented Latin letters of the default alphabet", () => {
    expect(countSegments("é à è ù ì ò Ä Ö Ñ Ü ß Ø Å Æ Ç £ ¥ § ¿ ¡ Δ Ω").encoding).toBe("GSM-7");
  });

  it("switches Vietnamese with diacritics to UCS-2: 70 in one part, 67 per part beyond", () => {
    // "à" is in the GSM alphabet, "ạ" is not.
    expect(countSegments("Xin chào").encoding).toBe("GSM-7");
    expect(countSegments("Xin chào bạn")).toMatchObject({ encoding: "UCS-2", characters: 12, segments: 1, perSegment: 70 });
    expect(countSegments("ư".repeat(70))).toEqual({ encoding: "UCS-2", characters: 70, segments: 1, perSegment: 70 });
    expect(countSegments("ư".repeat(71))).toEqual({ encoding: "UCS-2", characters: 71, segments: 2, perSegment: 67 });
    expect(countSegments("ư".repeat(134)).segments).toBe(2);
    expect(countSegments("ư".repeat(135)).segments).toBe(3);
  });

  it("counts extension characters once in UCS-2", () => {
    expect(countSegments("đ{")).toMatchObject({ encoding: "UCS-2", characters: 2 });
  });

  it("counts an emoji as its two UTF-16 units and never splits the surrogate pair", () => {
    expect(countSegments("👍")).toMatchObject({ encoding: "UCS-2", characters: 2, segments: 1 });
    expect(countSegments("👍".repeat(35))).toMatchObject({ characters: 70, segments: 1 });
    expect(countSegments("👍".repeat(36))).toMatchObject({ characters: 72, segments: 2 });
    // 66 units then an emoji: 68 > 67, so the pair starts the second part.
    expect(countSegments(`${"ơ".repeat(66)}👍${"ơ".repeat(66)}`)).toMatchObject({ characters: 134, segments: 3 });
  });

  it("keeps CR LF as two GSM-7 characters", () => {
    expect(countSegments("a\r\nb")).toMatchObject({ encoding: "GSM-7", characters: 4 });
  });

  it("turns unaccented Vietnamese back into GSM-7", () => {
    const text = "Phường Quy Nhơn hướng dẫn nộp hồ sơ trực tuyến tại dichvucong.gov.vn";
    expect(countSegments(text).encoding).toBe("UCS-2");
    expect(countSegments(unaccentForSms(text))).toMatchObject({ encoding: "GSM-7", segments: 1 });
  });
});

describe("GSM-7 membership", () => {
  it("finds the characters that force UCS-2", () => {
    expect(isGsm7("Hello [world] ~ €5")).toBe(true);
    expect(isGsm7("Đăng ký")).toBe(false);
    expect(nonGsm7Characters("Đăng ký Đ `")).toEqual(["Đ", "ă", "ý", "`"]);
  });
});
