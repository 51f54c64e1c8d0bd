// The service SMS about a case and their single-use links. Unaccented (GSM-7) so every gateway takes
// them and each fits one 160-character segment (test/unit/hotline/cases-messages.test.ts checks the
// longest). Tokens are the survey links' (32 random bytes, base64url; only the SHA-256 is stored).
import { displayDate } from "../../clock/vietnam-time.js";

export const CASE_SMS_PURPOSES = ["case_created", "case_answered", "case_survey"] as const;
export type CaseSmsPurpose = (typeof CASE_SMS_PURPOSES)[number];

/** The case_links purpose each linked message uses. */
export const LINK_PURPOSE = { case_answered: "answer", case_survey: "survey" } as const satisfies Partial<Record<CaseSmsPurpose, string>>;
export type CaseLinkPurpose = (typeof LINK_PURPOSE)[keyof typeof LINK_PURPOSE];

/** The answer stays readable for a month (citizens read SMS late); the survey for a week, like calls'. */
export const LINK_TTL_MS: Record<CaseLinkPurpose, number> = { answer: 30 * 24 * 3600 * 1000, survey: 7 * 24 * 3600 * 1000 };

export function caseLinkUrl(publicBaseUrl: string, token: string): string {
  return `${publicBaseUrl}/c/${token}`;
}

/** The hotline as a citizen dials it: "+842563822478" → "02563822478". */
export function dialledHotline(e164: string | undefined): string {
  if (!e164) return "tong dai";
  return e164.startsWith("+84") ? `0${e164.slice(3)}` : e164;
}

export function createdText(code: string, dueDate: string, hotline: string | undefined): string {
  return `Tong dai TTHC Gia Lai: da tiep nhan phieu ${code}, du kien tra loi truoc het ngay ${displayDate(dueDate)}. Tra cuu: goi ${dialledHotline(hotline)}, bam phim 7.`;
}

export function answeredText(code: string, url: string): string {
  return `Tong dai TTHC Gia Lai: phieu ${code} da co tra loi: ${url}`;
}

export function surveyText(code: string, url: string): string {
  return `Tong dai TTHC Gia Lai: moi ong/ba danh gia phieu ${code}: ${url}`;
}
