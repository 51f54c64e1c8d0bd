import { describe, expect, it } from "vitest";
import { unaccent } from "../../../server/messaging/unaccent.js";

describe("unaccent", () => {
  it("strips every Vietnamese diacritic, including đ and Đ", () => {
    expect(unaccent("Đăng ký tài khoản định danh điện tử")).toBe("Dang ky tai khoan dinh danh dien tu");
    expect(unaccent("ƯỚC MƠ ỞỞ Ữ ặ ỳ ỹ ỵ ơ ư ê ô â")).toBe("UOC MO OO U a y y y o u e o a");
    expect(unaccent("Thủ tục hành chính, Sở Tư pháp")).toBe("Thu tuc hanh chinh, So Tu phap");
  });

  it("handles text already decomposed (NFD)", () => {
    expect(unaccent("Nguyễn".normalize("NFD"))).toBe("Nguyen");
  });

  it("maps typographic quotes, dashes, ellipsis and odd spaces to ASCII", () => {
    expect(unaccent("“Dịch vụ” – ‘công’ — trực tuyến…\u00A0ok")).toBe("\"Dich vu\" - 'cong' - truc tuyen... ok");
  });

  it("leaves ASCII, digits and emoji alone", () => {
    expect(unaccent("Call 1022 [now] {ok} ~ | ^ 👍")).toBe("Call 1022 [now] {ok} ~ | ^ 👍");
  });

  it("keeps non-Latin scripts composed", () => {
    expect(unaccent("한국")).toBe("한국");
  });
});
