// The search terms a query becomes: accents and case folded, each word a prefix, and no user text
// reaching to_tsquery's own syntax or LIKE's wildcards.
import { describe, expect, it } from "vitest";
import { searchTerms } from "../../../../server/hotline/knowledge/search.js";

describe("searchTerms", () => {
  it("folds accents and case, makes each word a prefix, and keeps only letters and digits for to_tsquery", () => {
    expect(searchTerms("  Đăng KÝ   khai sinh ")).toEqual({
      all: "dang:* & ky:* & khai:* & sinh:*",
      title: "dang:*A & ky:*A & khai:*A & sinh:*A",
      contains: "%dang ky khai sinh%",
    });
    expect(searchTerms("khai & !sinh:* 'x'")?.all).toBe("khai:* & sinh:* & x:*");
    expect(searchTerms("1.001193")).toMatchObject({ all: "1:* & 001193:*", contains: "%1.001193%" });
    expect(searchTerms("50%_\\")).toMatchObject({ contains: "%50\\%\\_\\\\%" });
    expect(searchTerms("!!!")).toMatchObject({ all: "" });
    expect(searchTerms("   ")).toBeNull();
  });
});
