// The pages a case's SMS links to (/c/<token>): the answer, readable once, and the survey after
// closing. The survey page's look, its wording and its problem pages are the call survey's
// (surveys/page.ts); only fixed text, the pattern-checked token and escaped case text are interpolated.

import type { LinkProblem } from "../surveys/link-pages.js";
import { surveyFormPage, thankYouPage } from "../surveys/page.js";

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;padding:16px;font-size:20px;line-height:1.4;color:#111;background:#fff;max-width:36em}
h1{font-size:22px;margin:0 0 12px}h2{font-size:20px;margin:16px 0 6px}.answer{white-space:pre-wrap;border-left:4px solid #0b5394;padding-left:12px}.note{color:#444;font-size:18px}
button{display:block;width:100%;font-size:22px;padding:16px;border:0;border-radius:8px;background:#0b5394;color:#fff}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>${title}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface AnswerView {
  code: string;
  agencyName: string;
  question: string;
  answer: string;
}

/** What the SMS link opens: a button, so that a messaging app's link preview does not spend the link. */
export function openAnswerPage(token: string): string {
  return page(
    "Trả lời phiếu",
    `<h1>Tổng đài TTHC tỉnh Gia Lai</h1><p>Câu trả lời cho phiếu của ông/bà đã sẵn sàng. Trang trả lời chỉ mở được một lần.</p><form method="post" action="/c/${token}"><button type="submit">Xem câu trả lời</button></form>`,
  );
}

export function answerPage(view: AnswerView): string {
  return page(
    `Trả lời phiếu ${escapeHtml(view.code)}`,
    `<h1>Tổng đài TTHC tỉnh Gia Lai</h1><p>Phiếu <strong>${escapeHtml(view.code)}</strong> — ${escapeHtml(view.agencyName)}</p><h2>Câu hỏi</h2><p>${escapeHtml(
      view.question,
    )}</p><h2>Trả lời</h2><p class="answer">${escapeHtml(
      view.answer,
    )}</p><p class="note">Trang này chỉ mở được một lần. Muốn nghe lại câu trả lời, ông/bà vui lòng gọi Tổng đài và đọc mã phiếu.</p>`,
  );
}

/** The survey form posting to /c/<token> (the call survey's form, pointed here). */
export function caseSurveyPage(token: string, error?: string): string {
  return surveyFormPage(token, error, {
    path: "/c",
    title: "Đánh giá việc giải quyết phiếu",
    intro: "Xin ông/bà cho biết ý kiến về việc giải quyết phiếu của mình.",
    satisfactionQuestion: "Ông/bà có hài lòng với việc giải quyết không?",
  });
}

export { thankYouPage };

const PROBLEMS: Record<LinkProblem, { title: string; text: string }> = {
  unknown: { title: "Không tìm thấy", text: "Đường dẫn không đúng. Ông/bà vui lòng kiểm tra lại tin nhắn." },
  used: {
    title: "Đường dẫn đã được sử dụng",
    text: "Đường dẫn này chỉ dùng được một lần. Muốn nghe lại câu trả lời, ông/bà vui lòng gọi Tổng đài và đọc mã phiếu.",
  },
  expired: { title: "Đã hết hạn", text: "Đường dẫn đã hết hạn. Ông/bà vui lòng gọi Tổng đài và đọc mã phiếu." },
  too_many: { title: "Vui lòng thử lại sau", text: "Có quá nhiều yêu cầu. Ông/bà vui lòng thử lại sau ít phút." },
};

export function caseProblemPage(problem: LinkProblem): string {
  const { title, text } = PROBLEMS[problem];
  return page(title, `<h1>${title}</h1><p>${text}</p>`);
}
