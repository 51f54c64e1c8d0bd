// The page a short link shows when it cannot redirect: unknown (404) or expired (410). Fixed
// Vietnamese text only: nothing from the request is echoed.

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,Arial,sans-serif;margin:0;padding:16px;font-size:20px;line-height:1.4;color:#111;background:#fff;max-width:36em}h1{font-size:22px;margin:0 0 12px}`;

export type LinkProblem = "unknown" | "expired";

const TEXT: Record<LinkProblem, string> = {
  unknown:
    "Không tìm thấy liên kết này. Xin ông/bà kiểm tra lại tin nhắn, hoặc truy cập trực tiếp Cổng dịch vụ công quốc gia dichvucong.gov.vn.",
  expired: "Liên kết này đã hết hạn. Xin ông/bà truy cập trực tiếp Cổng dịch vụ công quốc gia dichvucong.gov.vn.",
};

export function linkProblemPage(problem: LinkProblem): string {
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><title>Tổng đài TTHC tỉnh Gia Lai</title><style>${STYLE}</style></head><body><h1>Tổng đài TTHC tỉnh Gia Lai</h1><p>${TEXT[problem]}</p></body></html>`;
}
