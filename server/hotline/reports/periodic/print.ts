// The periodic report as a printable page: one HTML document in Vietnamese, A4 landscape, no script
// at all (the console's "In" button opens it; the reader prints with the browser), styles inline in
// a <style> element, which the console's CSP allows (style-src 'unsafe-inline'). Every value from
// the database is escaped.
import { displayDate, vietnamDisplayDateTime } from "../../../clock/vietnam-time.js";
import type { AgencyReport, PeriodFigures } from "../../../contract/hotline/agency-reports.js";
import { GRADE_LABELS, KIND_LABELS, periodLabel, topicLabel, UNGRADED } from "./labels.js";

const STYLE = `@page{size:A4 landscape;margin:12mm}
body{font-family:"Times New Roman",Times,serif;font-size:12px;color:#000;margin:16px}
h1{font-size:18px;text-align:center;margin:0 0 4px}h2{font-size:15px;margin:18px 0 6px}
p.sub{text-align:center;margin:0 0 12px}table{border-collapse:collapse;width:100%;page-break-inside:auto}
th,td{border:1px solid #444;padding:3px 5px}th{background:#eee}td.n{text-align:right}tr{page-break-inside:avoid}
tr.total td{font-weight:bold}.note{font-size:11px;margin-top:8px}
@media print{.screen-only{display:none}}`;

const escapeHtml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const number = (value: number | null, digits = 0) =>
  value === null ? "–" : value.toLocaleString("vi-VN", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const percent = (value: number | null) => (value === null ? "–" : `${number(value * 100, 1)}%`);

/** The ranking's cells: all numbers but the agency's name (1) and its grade (3). */
const cells = (values: string[]) => values.map((value, i) => `<td${i === 1 || i === 3 ? "" : ' class="n"'}>${value}</td>`).join("");

function figureCells(f: PeriodFigures): string[] {
  return [
    number(f.calls),
    number(f.answered),
    percent(f.answerRate),
    number(f.casesReceived),
    number(f.answeredOnTime),
    number(f.answeredLate),
    percent(f.onTimeRate),
    number(f.open),
    number(f.overdue),
    number(f.averageHandlingDays, 1),
    `${percent(f.callSatisfactionRate)} (${number(f.callAnswers)})`,
    `${percent(f.caseSatisfactionRate)} (${number(f.caseAnswers)})`,
  ];
}

export function periodicReportPage(report: AgencyReport): string {
  const total = report.wholeProvince ? "Toàn tỉnh" : "Tổng";
  const ranking = report.rows
    .map(
      (row) =>
        `<tr>${cells([
          row.rank === null ? "–" : String(row.rank),
          escapeHtml(row.agencyName),
          row.score === null ? "–" : number(row.score, 1),
          row.grade ? GRADE_LABELS[row.grade] : UNGRADED,
          ...figureCells(row),
        ])}</tr>`,
    )
    .join("");
  const caseHeads = [...report.kinds.map((kind) => KIND_LABELS[kind]), ...report.topics.map(topicLabel)];
  const caseRow = (name: string, f: PeriodFigures, cls = "") =>
    `<tr${cls}><td>${name}</td><td class="n">${number(f.casesReceived)}</td>${[
      ...report.kinds.map((kind) => f.casesByKind[kind] ?? 0),
      ...report.topics.map((topic) => f.casesByTopic[topic] ?? 0),
    ]
      .map((n) => `<td class="n">${number(n)}</td>`)
      .join("")}</tr>`;
  const { weights, bands, minAnswers } = report.scoring;
  const prepared = report.preparedAt ? ` · Lập lúc ${vietnamDisplayDateTime(new Date(report.preparedAt))}` : " · Số liệu tính khi xem";
  const body = `<h1>BÁO CÁO ĐỊNH KỲ ${escapeHtml(periodLabel(report.period).toUpperCase())}</h1>
<p class="sub">Tổng đài TTHC · Từ ${displayDate(report.from)} đến ${displayDate(report.to)}${prepared}</p>
<h2>Xếp hạng đơn vị</h2>
<table><thead><tr><th>Hạng</th><th>Đơn vị</th><th>Điểm</th><th>Xếp loại</th><th>Cuộc gọi đến</th><th>Được trả lời</th><th>Tỷ lệ trả lời</th><th>Phiếu tiếp nhận</th><th>Trả lời đúng hạn</th><th>Trả lời trễ hạn</th><th>Tỷ lệ đúng hạn</th><th>Đang mở</th><th>Quá hạn</th><th>Xử lý TB (ngày)</th><th>Hài lòng cuộc gọi (lượt)</th><th>Hài lòng phiếu (lượt)</th></tr></thead>
<tbody>${ranking}<tr class="total">${cells(["", total, "", "", ...figureCells(report.total)])}</tr></tbody></table>
<p class="note">Điểm = trọng số hài lòng ${number(weights.satisfaction, 2)}, đúng hạn ${number(weights.onTime, 2)}, trả lời cuộc gọi ${number(weights.answer, 2)}; xếp loại khi có từ ${number(minAnswers)} lượt đánh giá: xuất sắc ≥ ${number(bands.excellent)}, tốt ≥ ${number(bands.good)}, đạt ≥ ${number(bands.pass)}, dưới ${number(bands.pass)} chưa đạt.</p>
<h2>Phiếu tiếp nhận theo loại và chủ đề</h2>
<table><thead><tr><th>Đơn vị</th><th>Tổng</th>${caseHeads.map((head) => `<th>${escapeHtml(head)}</th>`).join("")}</tr></thead>
<tbody>${report.rows.map((row) => caseRow(escapeHtml(row.agencyName), row)).join("")}${caseRow(total, report.total, ' class="total"')}</tbody></table>`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Báo cáo định kỳ ${escapeHtml(periodLabel(report.period))}</title><style>${STYLE}</style></head><body>${body}</body></html>`;
}
