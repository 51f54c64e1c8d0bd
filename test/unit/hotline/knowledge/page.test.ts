// The public page: stored text escaped, drafts and people never there (the routes' test), links only http(s).
import { describe, expect, it } from "vitest";
import { articlePageHtml, escapeHtml } from "../../../../server/hotline/knowledge/page.js";

describe("escapeHtml", () => {
  it("escapes every character that could open markup or leave an attribute", () => {
    expect(escapeHtml(`<a href="x" onclick='y'>&</a>`)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;&lt;/a&gt;");
  });
});

describe("articlePageHtml", () => {
  it("renders only http(s) links, escaped", () => {
    const html = articlePageHtml({
      id: 1,
      title: "T",
      answer: "A",
      procedureCode: null,
      procedureName: null,
      agencyName: "Sở Tư pháp",
      links: [
        { label: "x", url: "javascript:alert(1)" },
        { label: "<b>", url: "https://a.vn/?q=1&r=2" },
      ],
      updatedAt: new Date("2026-12-01T20:00:00Z"),
    });
    expect(html).not.toContain("javascript:");
    expect(html).toContain('<a href="https://a.vn/?q=1&amp;r=2" rel="noopener noreferrer">&lt;b&gt;</a>');
    // Updated on the Vietnam day.
    expect(html).toContain("Cập nhật 02/12/2026");
  });
});
