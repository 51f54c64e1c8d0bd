import { describe, expect, it } from "vitest";
import { answeredText, caseLinkUrl, createdText, dialledHotline, surveyText } from "../../../../server/hotline/cases/messages.js";
import { newSurveyToken } from "../../../../server/hotline/surveys/links.js";
import { countSegments } from "../../../../server/messaging/segments.js";

const BASE = "https://tongdai-tthc.gialai.gov.vn";

describe("case SMS texts", () => {
  it("are unaccented GSM-7 in one segment, with the longest code and link", () => {
    const url = caseLinkUrl(BASE, newSurveyToken().token);
    const code = "GL-2026-9999999";
    for (const text of [createdText(code, "2026-12-12", "+842563822478"), answeredText(code, url), surveyText(code, url)]) {
      const count = countSegments(text);
      expect(count.encoding).toBe("GSM-7");
      expect(count.segments).toBe(1);
    }
  });

  it("give the code, the date and how to look it up by phone", () => {
    expect(createdText("GL-2026-004821", "2026-12-12", "+842563822478")).toBe(
      "Tong dai TTHC Gia Lai: da tiep nhan phieu GL-2026-004821, du kien tra loi truoc het ngay 12/12/2026. Tra cuu: goi 02563822478, bam phim 7.",
    );
    expect(dialledHotline(undefined)).toBe("tong dai");
    expect(answeredText("GL-2026-004821", `${BASE}/c/x`)).toContain(`${BASE}/c/x`);
  });
});
