import { describe, expect, it } from "vitest";
import { searchKey, unaccentForSms, withoutDiacritics } from "../../../server/text/unaccent.js";

describe("unaccentForSms", () => {
  it("strips every Vietnamese diacritic, including đ and Đ", () => {
    expect(unaccentForSms("Đăng ký tài khoản định danh điện tử")).toBe("Dang ky tai khoan dinh danh dien tu");
    expect(unaccentForSms("ƯỚC MƠ ỞỞ Ữ ặ ỳ ỹ ỵ ơ ư ê ô â")).toBe("UOC MO OO U a y y y o u e o a");
    expect(unaccentForSms("Thủ tục hành chính, Sở Tư pháp")).toBe("Thu tuc hanh chinh, So Tu phap");
  });

  it("handles text already decomposed (NFD)", () => {
    expect(unaccentForSms("Nguyễn".normalize("NFD"))).toBe("Nguyen");
  });

  it("maps typographic quotes, dashes, ellipsis and odd spaces to ASCII", () => {
    expect(unaccentForSms("“Dịch vụ” – ‘công’ — trực tuyến…\u00A0ok")).toBe("\"Dich vu\" - 'cong' - truc tuyen... ok");
  });

  it("leaves ASCII, digits and emoji alone", () => {
    expect(unaccentForSms("Call 1022 [now] {ok} ~ | ^ 👍")).toBe("Call 1022 [now] {ok} ~ | ^ 👍");
  });

  it("keeps non-Latin scripts composed", () => {
    expect(unaccentForSms("한국")).toBe("한국");
  });
});

describe("withoutDiacritics", () => {
  it("strips the marks and keeps case and punctuation as typed", () => {
    expect(withoutDiacritics("TỪ CHỐI “QC”…")).toBe("TU CHOI “QC”…");
  });
});

describe("searchKey", () => {
  it("folds diacritics, case and spaces", () => {
    expect(searchKey("  Xã  Ia\tGrai ")).toBe("xa ia grai");
    expect(searchKey("ĐỒNG THÁP")).toBe(searchKey("đồng tháp"));
  });
});
