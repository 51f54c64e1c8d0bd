// The survey page citizens open from the SMS: one small HTML document, no JavaScript, no external
// resources, large touch targets, readable on a cheap phone's browser. Only fixed text and the
// pattern-checked token are interpolated.
import type { LinkProblem } from "./link-pages.js";

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;padding:16px;font-size:20px;line-height:1.4;color:#111;background:#fff;max-width:36em}
h1{font-size:22px;margin:0 0 12px}fieldset{border:0;padding:0;margin:0 0 20px}legend{font-weight:bold;margin-bottom:8px}
label{display:block;border:2px solid #888;border-radius:8px;padding:14px 12px;margin:8px 0}
input[type=radio]{width:24px;height:24px;vertical-align:middle;margin-right:10px}
button{display:block;width:100%;font-size:22px;padding:16px;border:0;border-radius:8px;background:#0b5394;color:#fff}
.error{color:#b00020;font-weight:bold}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const choice = (name: string, value: number, text: string) =>
  `<label><input type="radio" name="${name}" value="${value}"${name === "satisfaction" && value === 1 ? " required" : ""}> ${text}</label>`;

/** What differs when the same form surveys something else than a call (a case: hotline/cases/page.ts). Fixed text only. */
export interface SurveyFormWording {
  /** The path the form posts to, before the token: "/s" for calls. */
  path: string;
  title: string;
  intro: string;
  satisfactionQuestion: string;
}

const CALL_WORDING: SurveyFormWording = {
  path: "/s",
  title: "Đánh giá cuộc gọi",
  intro: "Xin ông/bà cho biết ý kiến về cuộc gọi vừa qua.",
  satisfactionQuestion: "Ông/bà có hài lòng với cuộc gọi không?",
};

export function surveyFormPage(token: string, error?: string, wording: SurveyFormWording = CALL_WORDING): string {
  return page(
    wording.title,
    `<h1>Tổng đài TTHC tỉnh Gia Lai</h1><p>${wording.intro}</p>${
      error ? `<p class="error">${error}</p>` : ""
    }<form method="post" action="${wording.path}/${token}"><fieldset><legend>${wording.satisfactionQuestion}</legend>${choice(
      "satisfaction",
      1,
      "1. Rất hài lòng",
    )}${choice("satisfaction", 2, "2. Hài lòng")}${choice("satisfaction", 3, "3. Không hài lòng")}</fieldset><fieldset><legend>Vấn đề đã được giải đáp chưa?</legend>${choice(
      "resolved",
      1,
      "1. Đã",
    )}${choice("resolved", 2, "2. Chưa")}</fieldset><button type="submit">Gửi đánh giá</button></form>`,
  );
}

export function thankYouPage(): string {
  return page(
    "Cảm ơn ông/bà",
    "<h1>Cảm ơn ông/bà!</h1><p>Đánh giá của ông/bà đã được ghi nhận và giúp các cơ quan phục vụ người dân tốt hơn.</p>",
  );
}

const PROBLEMS: Record<LinkProblem, { title: string; text: string }> = {
  unknown: { title: "Không tìm thấy", text: "Đường dẫn đánh giá không đúng. Ông/bà vui lòng kiểm tra lại tin nhắn." },
  used: { title: "Đã đánh giá", text: "Đường dẫn này đã được sử dụng. Cảm ơn ông/bà đã gửi đánh giá." },
  expired: { title: "Đã hết hạn", text: "Đường dẫn đánh giá đã hết hạn (sau 7 ngày). Cảm ơn ông/bà đã gọi Tổng đài." },
  too_many: { title: "Vui lòng thử lại sau", text: "Có quá nhiều yêu cầu. Ông/bà vui lòng thử lại sau ít phút." },
};

export function problemPage(problem: LinkProblem): string {
  const { title, text } = PROBLEMS[problem];
  return page(title, `<h1>${title}</h1><p>${text}</p>`);
}
