import { describe, expect, it } from "vitest";
import { newSurveyToken, SURVEY_TOKEN_PATTERN, surveySmsText, surveyUrl } from "../../../../server/hotline/surveys/links.js";

// GSM 03.38 basic character set (no extension table characters are used by the survey text).
const GSM7 = /^[@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&'()*+,\-./0-9:;<=>?¡A-ZÄÖÑÜ§¿a-zäöñüà]*$/;

describe("survey SMS text", () => {
  it("is one GSM-7 segment with the link", () => {
    const { token } = newSurveyToken();
    expect(token).toMatch(new RegExp(SURVEY_TOKEN_PATTERN));
    const text = surveySmsText(surveyUrl("https://tongdai-tthc.gialai.gov.vn", token));
    expect(text).toMatch(GSM7);
    expect(text.length).toBeLessThanOrEqual(160);
    expect(text).toContain(`https://tongdai-tthc.gialai.gov.vn/s/${token}`);
  });

  it("makes distinct 256-bit tokens and stores only their hash", () => {
    const a = newSurveyToken();
    const b = newSurveyToken();
    expect(a.token).not.toBe(b.token);
    expect(Buffer.from(a.token, "base64url")).toHaveLength(32);
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.token);
  });
});
