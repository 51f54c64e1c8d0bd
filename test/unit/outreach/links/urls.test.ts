// Which URLs of a campaign text are shortened and how the text is rewritten (pure).
import { describe, expect, it } from "vitest";
import { countSegments } from "../../../../server/messaging/segments.js";
import { CODE_LENGTH, PLACEHOLDER_CODE } from "../../../../server/outreach/links/codes.js";
import {
  DEFAULT_TRACKED_HOSTS,
  findTrackableUrls,
  hostAllowed,
  replaceTrackableUrls,
  shortLinkUrl,
  withPlaceholderLinks,
} from "../../../../server/outreach/links/urls.js";

const HOSTS = DEFAULT_TRACKED_HOSTS;

describe("finding the portal links of a text", () => {
  it("finds allow-listed http(s) links, each once, without the sentence's punctuation", () => {
    const text =
      "Nop ho so tai https://dichvucong.gov.vn/p/home/dvc-trang-chu.html. Hoac https://dichvucong.gialai.gov.vn, " +
      "(https://www.dichvucong.gov.vn/) va lai https://dichvucong.gov.vn/p/home/dvc-trang-chu.html!";
    expect(findTrackableUrls(text, HOSTS)).toEqual([
      "https://dichvucong.gov.vn/p/home/dvc-trang-chu.html",
      "https://dichvucong.gialai.gov.vn",
      "https://www.dichvucong.gov.vn/",
    ]);
  });

  it("leaves other hosts, look-alikes, credentials, ports, bare host names and URLs built from variables alone", () => {
    const text = [
      "https://example.com/x",
      "https://dichvucong.gov.vn.evil.example/x",
      "https://evildichvucong.gov.vn/",
      "https://user:pw@dichvucong.gov.vn/",
      "https://dichvucong.gov.vn:8443/",
      "dichvucong.gov.vn",
      "ftp://dichvucong.gov.vn/",
      "https://dichvucong.gov.vn/ho-so/{{ma_ho_so}}",
    ].join(" ");
    expect(findTrackableUrls(text, HOSTS)).toEqual([]);
    expect(replaceTrackableUrls(text, HOSTS, () => "SHORT")).toBe(text);
  });

  it("matches hosts case-insensitively and with subdomains", () => {
    expect(hostAllowed("WWW.DichVuCong.gov.vn", HOSTS)).toBe(true);
    expect(hostAllowed("vneid.gov.vn.", HOSTS)).toBe(true);
    expect(hostAllowed("gov.vn", HOSTS)).toBe(false);
    expect(findTrackableUrls("x https://dichvucong.gov.vn/a", [])).toEqual([]);
  });

  it("replaces every occurrence and keeps the punctuation and the rest of the text", () => {
    const text = "[QC] Moi {{ten}} vao https://dichvucong.gov.vn/a. Lai: https://dichvucong.gov.vn/a, https://example.com/b";
    const out = replaceTrackableUrls(text, HOSTS, (url) => (url === "https://dichvucong.gov.vn/a" ? "https://1022.vn/l/abc" : undefined));
    expect(out).toBe("[QC] Moi {{ten}} vao https://1022.vn/l/abc. Lai: https://1022.vn/l/abc, https://example.com/b");
  });

  it("counts the short link, not the long one, in a preview", () => {
    const long = `Moi ong/ba nop ho so truc tuyen tai https://dichvucong.gialai.gov.vn/p/home/dvc-tthc-thu-tuc-hanh-chinh.html?ma=1.001234&co_quan=G22 de tiet kiem thoi gian. Tu choi QC soan TC gui 8079`;
    const previewed = withPlaceholderLinks(long, HOSTS, "https://1022.gialai.gov.vn", PLACEHOLDER_CODE);
    expect(previewed).toContain(`https://1022.gialai.gov.vn/l/${"x".repeat(CODE_LENGTH)} de`);
    expect(countSegments(long).segments).toBe(2);
    expect(countSegments(previewed).segments).toBe(1);
  });

  it("builds the short address without a double slash", () => {
    expect(shortLinkUrl("https://1022.gialai.gov.vn/", "AbC_-12345")).toBe("https://1022.gialai.gov.vn/l/AbC_-12345");
  });
});
