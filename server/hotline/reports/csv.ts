// The satisfaction report as CSV for Excel, written by the shared csv-cell rules (BOM, Vietnamese
// numbers, quoting, formulas neutralised); percentages to one decimal as the report page shows them.

import { displayDate } from "../../clock/vietnam-time.js";
import type { Figures, SatisfactionReport } from "../../contract/hotline/reports.js";
import { CSV_BOM, type CsvSeparator, csvLine } from "../../platform/http/csv-cell.js";

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const seconds = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

export const SATISFACTION_CSV_HEADER = [
  "Hạng",
  "Mã cơ quan",
  "Cơ quan",
  "Số cuộc gọi",
  "Đã trả lời",
  "Tỷ lệ trả lời (%)",
  "Thời gian chờ trung bình (giây)",
  "Số lượt đánh giá",
  "Rất hài lòng",
  "Hài lòng",
  "Không hài lòng",
  "Tỷ lệ hài lòng (%)",
  "Tỷ lệ được giải đáp (%)",
];

const numbers = (f: Figures) => [
  f.calls,
  f.answered,
  percent(f.answerRate),
  seconds(f.averageWaitSeconds),
  f.answers,
  f.verySatisfied,
  f.satisfied,
  f.dissatisfied,
  percent(f.satisfactionRate),
  percent(f.resolvedRate),
];

export function satisfactionCsv(report: SatisfactionReport, separator: CsvSeparator = "comma"): string {
  const lines: (string | number | null)[][] = [SATISFACTION_CSV_HEADER];
  for (const row of report.rows) {
    lines.push([row.rank ?? "Chưa đủ lượt đánh giá", row.agencyCode, row.agencyName, ...numbers(row)]);
  }
  if (report.unrouted) lines.push(["", "", "Chưa đến cơ quan nào (gác máy trong tổng đài tự động)", ...numbers(report.unrouted)]);
  lines.push(["", "", `Toàn tỉnh (${displayDate(report.from)} – ${displayDate(report.to)})`, ...numbers(report.total)]);
  return `${CSV_BOM}${lines.map((line) => csvLine(line, separator)).join("")}`;
}
