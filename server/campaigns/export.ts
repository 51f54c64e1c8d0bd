// Per-recipient results as CSV for Excel (UTF-8 with BOM, CRLF, formula-safe cells), read in pages
// by id so a million-recipient campaign never sits in memory at once.
import type { Db } from "../db/client.js";

const BOM = "\uFEFF";
export const RESULTS_HEADER = ["Số điện thoại", "Trạng thái", "Lý do bỏ qua", "Số lần gửi", "Lỗi cuối", "Gửi lúc", "Nhận lúc"];

function cell(value: string | number | null): string {
  if (value === null) return "";
  let text = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export async function* resultsCsv(db: Db, campaignId: number, mask: (phone: string) => string, pageSize = 5000): AsyncGenerator<string> {
  yield `${BOM}${RESULTS_HEADER.map(cell).join(",")}\r\n`;
  let after = 0;
  for (;;) {
    const rows = await db.campaignRecipient.findMany({
      where: { campaignId, id: { gt: after } },
      orderBy: { id: "asc" },
      take: pageSize,
      select: { id: true, phone: true, status: true, skipReason: true, attempts: true, lastError: true, sentAt: true, deliveredAt: true },
    });
    if (rows.length === 0) return;
    let chunk = "";
    for (const r of rows) {
      chunk += `${[
        mask(r.phone),
        r.status,
        r.skipReason,
        r.attempts,
        r.lastError,
        r.sentAt?.toISOString() ?? null,
        r.deliveredAt?.toISOString() ?? null,
      ]
        .map(cell)
        .join(",")}\r\n`;
    }
    yield chunk;
    after = rows[rows.length - 1]?.id as number;
  }
}
