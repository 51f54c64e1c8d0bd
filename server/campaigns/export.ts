// Per-recipient results as CSV for Excel (UTF-8 with BOM, CRLF, formula-safe cells), read in pages
// by id so a million-recipient campaign never sits in memory at once.
import type { Db } from "../db/client.js";
import { csvLine } from "../http/csv-cell.js";

const BOM = "\uFEFF";
export const RESULTS_HEADER = ["Số điện thoại", "Trạng thái", "Lý do bỏ qua", "Số lần gửi", "Lỗi cuối", "Gửi lúc", "Nhận lúc"];

export async function* resultsCsv(db: Db, campaignId: number, mask: (phone: string) => string, pageSize = 5000): AsyncGenerator<string> {
  yield `${BOM}${csvLine(RESULTS_HEADER)}`;
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
      chunk += csvLine([
        mask(r.phone),
        r.status,
        r.skipReason,
        r.attempts,
        r.lastError,
        r.sentAt?.toISOString() ?? null,
        r.deliveredAt?.toISOString() ?? null,
      ]);
    }
    yield chunk;
    after = rows[rows.length - 1]?.id as number;
  }
}
