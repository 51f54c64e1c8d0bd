// Per-recipient results as CSV for Excel (the shared csv-cell rules: BOM, Vietnamese words and
// numbers, Vietnam time), read in pages by id so a million-recipient campaign never sits in memory
// at once. Statuses and skip reasons in the console's words (contract/outreach/recipient-words.ts).
import { vietnamDisplayDateTime } from "../../clock/vietnam-time.js";
import { RECIPIENT_STATUS_WORDS, SKIP_REASON_WORDS } from "../../contract/outreach/recipient-words.js";
import type { Db } from "../../platform/db/client.js";
import { CSV_BOM, type CsvSeparator, csvLine } from "../../platform/http/csv-cell.js";

export const RESULTS_HEADER = ["Số điện thoại", "Trạng thái", "Lý do bỏ qua", "Số lần gửi", "Lỗi cuối", "Gửi lúc", "Nhận lúc"];

const when = (instant: Date | null) => (instant ? vietnamDisplayDateTime(instant) : null);

export async function* resultsCsv(
  db: Db,
  campaignId: number,
  mask: (phone: string) => string,
  separator: CsvSeparator = "comma",
  pageSize = 5000,
): AsyncGenerator<string> {
  yield `${CSV_BOM}${csvLine(RESULTS_HEADER, separator)}`;
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
      const reason = r.skipReason === null ? null : (SKIP_REASON_WORDS[r.skipReason as keyof typeof SKIP_REASON_WORDS] ?? r.skipReason);
      chunk += csvLine(
        [mask(r.phone), RECIPIENT_STATUS_WORDS[r.status], reason, r.attempts, r.lastError, when(r.sentAt), when(r.deliveredAt)],
        separator,
      );
    }
    yield chunk;
    after = rows[rows.length - 1]?.id as number;
  }
}
