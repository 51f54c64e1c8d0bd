// The satisfaction report as CSV for Excel, written by the shared csv-cell rules (BOM, Vietnamese
// numbers, quoting, formulas neutralised); percentages to one decimal as the report page shows them.
// The agencies' table first (satisfaction, then the line), then the staff members' table.

import { displayDate } from "../../clock/vietnam-time.js";
import type { Figures, SatisfactionReport, StaffRow } from "../../contract/hotline/reports.js";
import { CSV_BOM, type CsvSeparator, csvLine } from "../../platform/http/csv-cell.js";

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);
const seconds = (value: number | null) => (value === null ? null : Math.round(value * 10) / 10);

/** The line's figures after the satisfaction ones; the service level names its threshold. */
const lineHeader = (serviceLevelSeconds: number) => [
  "Cuộc gọi đến cơ quan",
  "Bỏ máy khi đang chờ",
  "Thời gian chờ P90 (giây)",
  `Tỷ lệ trả lời trong ${serviceLevelSeconds} giây (%)`,
  "Thời gian đàm thoại trung bình (giây)",
  "Thời gian xử lý sau cuộc gọi trung bình (giây)",
  "Tỷ lệ thời gian bận (%)",
];

export const STAFF_CSV_HEADER = [
  "Cán bộ",
  "Cơ quan",
  "Cuộc gọi đã trả lời",
  "Thời gian đàm thoại trung bình (giây)",
  "Thời gian xử lý sau cuộc gọi trung bình (giây)",
  "Thời gian sẵn sàng làm việc (giờ)",
  "Tỷ lệ thời gian bận (%)",
];

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
  f.offered,
  f.abandonedInQueue,
  seconds(f.p90WaitSeconds),
  percent(f.serviceLevel),
  seconds(f.averageTalkSeconds),
  seconds(f.averageWrapUpSeconds),
  percent(f.occupancy),
];

const staffLine = (row: StaffRow) => [
  row.name,
  row.agencyName,
  row.answered,
  seconds(row.averageTalkSeconds),
  seconds(row.averageWrapUpSeconds),
  Math.round(row.loggedInSeconds / 36) / 100,
  percent(row.occupancy),
];

export function satisfactionCsv(report: SatisfactionReport, separator: CsvSeparator = "comma"): string {
  const lines: (string | number | null)[][] = [[...SATISFACTION_CSV_HEADER, ...lineHeader(report.serviceLevelSeconds)]];
  for (const row of report.rows) {
    lines.push([row.rank ?? "Chưa đủ lượt đánh giá", row.agencyCode, row.agencyName, ...numbers(row)]);
  }
  if (report.unrouted) lines.push(["", "", "Chưa đến cơ quan nào (gác máy trong tổng đài tự động)", ...numbers(report.unrouted)]);
  lines.push(["", "", `Toàn tỉnh (${displayDate(report.from)} – ${displayDate(report.to)})`, ...numbers(report.total)]);
  // The staff members' figures below, after an empty line, under their own header.
  if (report.staff.length > 0) {
    lines.push([], STAFF_CSV_HEADER);
    for (const row of report.staff) lines.push(staffLine(row));
  }
  return `${CSV_BOM}${lines.map((line) => csvLine(line, separator)).join("")}`;
}
