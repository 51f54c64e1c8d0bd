// The report of the rows an import refused or noted, as CSV for Excel (the shared csv-cell rules) in
// Vietnamese: the people who fix the file read it, so reasons are sentences, not codes. Read in keyset
// pages in row order: the report of a million-row file is never held whole.
import type { Db } from "../../platform/db/client.js";
import { CSV_BOM, type CsvSeparator, csvLine } from "../../platform/http/csv-cell.js";
import type { ImportErrorReason } from "./import.js";

export const REPORT_HEADER = ["Dòng", "Cột", "Giá trị", "Lý do"];

export const REASON_TEXT: Record<ImportErrorReason, string> = {
  empty: "Không có số điện thoại",
  invalid: "Số điện thoại không hợp lệ",
  landline: "Số cố định không nhận được tin nhắn",
  not_mobile: "Không phải số di động",
  not_vietnamese: "Không phải số Việt Nam",
  malformed: "Dòng sai định dạng (số cột hoặc dấu ngoặc kép)",
  invalid_characters: "Có ký tự không hợp lệ",
  invalid_date: "Ngày không hợp lệ (dùng dd/MM/yyyy hoặc yyyy-MM-dd): dòng không được nhập",
  duplicate_in_file: "Số trùng với một dòng trước trong tệp (đã gộp)",
  unknown_commune: "Không tìm thấy xã/phường: đã nhập nhưng chưa gán xã",
  consent_unrecognised: "Không hiểu giá trị đồng ý: đã nhập với đồng ý chưa rõ",
};

export async function* importReportCsv(db: Db, importId: number, separator: CsvSeparator = "comma"): AsyncGenerator<string> {
  yield `${CSV_BOM}${csvLine(REPORT_HEADER, separator)}`;
  let after = { rowNumber: 0, id: 0 };
  for (;;) {
    const page = await db.contactImportError.findMany({
      where: { importId, OR: [{ rowNumber: { gt: after.rowNumber } }, { rowNumber: after.rowNumber, id: { gt: after.id } }] },
      orderBy: [{ rowNumber: "asc" }, { id: "asc" }],
      take: 5000,
    });
    if (page.length === 0) return;
    yield page
      .map((e) => csvLine([e.rowNumber, e.column, e.value, REASON_TEXT[e.reason as ImportErrorReason] ?? e.reason], separator))
      .join("");
    const last = page[page.length - 1];
    if (last) after = { rowNumber: last.rowNumber, id: last.id };
  }
}
