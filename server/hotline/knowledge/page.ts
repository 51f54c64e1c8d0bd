// The public knowledge base (/kb): published answers for citizens, read-only, in Vietnamese. One small
// HTML document per page, no JavaScript, no external resources (the route's CSP allows none), every
// stored text escaped, and nothing about who wrote or used an article. Pure.
import { displayDate, vietnamClock } from "../../clock/vietnam-time.js";

export interface PublicArticle {
  id: number;
  title: string;
  answer: string;
  procedureCode: string | null;
  procedureName: string | null;
  agencyName: string;
  links: { label: string; url: string }[];
  updatedAt: Date;
}

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** Only http(s) links are rendered as links; the API refuses others, this holds even for a hand-edited row. */
const safeUrl = (url: string) => (/^https?:\/\//i.test(url) ? url : null);

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0 auto;padding:16px;font-size:18px;line-height:1.5;color:#111;background:#fff;max-width:46em}
h1{font-size:24px;margin:0 0 12px}h2{font-size:20px;margin:0 0 4px}a{color:#0b5394}
form{display:flex;gap:8px;margin:0 0 20px}input[type=search]{flex:1;font-size:18px;padding:10px;border:2px solid #888;border-radius:8px}
button{font-size:18px;padding:10px 16px;border:0;border-radius:8px;background:#0b5394;color:#fff}
ul.list{list-style:none;padding:0}ul.list li{border-bottom:1px solid #ddd;padding:12px 0}.meta{color:#555;font-size:15px}
.answer{white-space:pre-line}`;

function page(title: string, body: string): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${escapeHtml(
    title,
  )}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}

const HEADER = "Hỏi đáp thủ tục hành chính tỉnh Gia Lai";

function searchForm(q: string): string {
  return `<form method="get" action="/kb" role="search"><input type="search" name="q" value="${escapeHtml(
    q,
  )}" maxlength="200" placeholder="Tìm câu hỏi, thủ tục (ví dụ: khai sinh)" aria-label="Tìm kiếm"><button type="submit">Tìm</button></form>`;
}

const procedure = (a: Pick<PublicArticle, "procedureCode" | "procedureName">) =>
  [a.procedureCode, a.procedureName]
    .filter(Boolean)
    .map((t) => escapeHtml(t as string))
    .join(" – ");

const excerpt = (text: string) => (text.length > 220 ? `${text.slice(0, 220).trimEnd()}…` : text);

export function listPageHtml(q: string, articles: PublicArticle[]): string {
  const items = articles
    .map(
      (a) =>
        `<li><h2><a href="/kb/${a.id}">${escapeHtml(a.title)}</a></h2><div class="meta">${escapeHtml(a.agencyName)}${
          a.procedureCode || a.procedureName ? ` · ${procedure(a)}` : ""
        }</div><p>${escapeHtml(excerpt(a.answer))}</p></li>`,
    )
    .join("");
  const summary = q
    ? articles.length
      ? `<p>${articles.length} kết quả cho “${escapeHtml(q)}”.</p>`
      : `<p>Không tìm thấy câu trả lời cho “${escapeHtml(q)}”. Ông/bà có thể gọi Tổng đài để được giải đáp.</p>`
    : "<p>Các câu hỏi được quan tâm nhiều nhất.</p>";
  return page(HEADER, `<h1>${HEADER}</h1>${searchForm(q)}${summary}<ul class="list">${items}</ul>`);
}

export function articlePageHtml(article: PublicArticle): string {
  const links = article.links
    .map((link) => {
      const url = safeUrl(link.url);
      return url ? `<li><a href="${escapeHtml(url)}" rel="noopener noreferrer">${escapeHtml(link.label)}</a></li>` : "";
    })
    .join("");
  const updated = displayDate(vietnamClock(article.updatedAt).date);
  return page(
    article.title,
    `<p><a href="/kb">← ${HEADER}</a></p><h1>${escapeHtml(article.title)}</h1><div class="meta">${escapeHtml(article.agencyName)}${
      article.procedureCode || article.procedureName ? ` · Thủ tục: ${procedure(article)}` : ""
    } · Cập nhật ${escapeHtml(updated)}</div><div class="answer"><p>${escapeHtml(article.answer)}</p></div>${
      links ? `<h2>Xem thêm</h2><ul>${links}</ul>` : ""
    }`,
  );
}

export function notFoundPageHtml(): string {
  return page(
    "Không tìm thấy",
    `<h1>Không tìm thấy</h1><p>Câu trả lời này không có hoặc đã được gỡ.</p><p><a href="/kb">← ${HEADER}</a></p>`,
  );
}
