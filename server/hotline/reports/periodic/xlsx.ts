// The periodic report as an .xlsx workbook with Vietnamese headers: one sheet for the ranking (every
// figure per agency and the total), one for the cases received by kind and by topic.
import ExcelJS from "exceljs";
import { displayDate, vietnamDisplayDateTime } from "../../../clock/vietnam-time.js";
import type { AgencyReport, AgencyReportRow, PeriodFigures } from "../../../contract/hotline/agency-reports.js";
import {
  GRADE_LABELS,
  KIND_LABELS,
  PERCENT_COLUMNS,
  periodLabel,
  RANKING_HEADERS,
  type RankingColumn,
  topicLabel,
  UNGRADED,
} from "./labels.js";

export const RANKING_SHEET = "Xếp hạng";
export const CASES_SHEET = "Phiếu theo loại, chủ đề";

const totalLabel = (report: AgencyReport) => (report.wholeProvince ? "Toàn tỉnh" : "Tổng");

function title(sheet: ExcelJS.Worksheet, report: AgencyReport, what: string, width: number): void {
  sheet.addRow([`${what} ${periodLabel(report.period)}`]).font = { bold: true, size: 14 };
  const prepared = report.preparedAt ? `; lập lúc ${vietnamDisplayDateTime(new Date(report.preparedAt))}` : "";
  sheet.addRow([`Từ ${displayDate(report.from)} đến ${displayDate(report.to)}${prepared}`]);
  sheet.mergeCells(1, 1, 1, width);
  sheet.mergeCells(2, 1, 2, width);
}

function header(sheet: ExcelJS.Worksheet, labels: string[]): void {
  const row = sheet.addRow(labels);
  row.font = { bold: true };
  row.alignment = { wrapText: true, vertical: "middle" };
  sheet.views = [{ state: "frozen", ySplit: row.number }];
}

function rankingValue(column: RankingColumn, row: AgencyReportRow | null, figures: PeriodFigures, label: string): ExcelJS.CellValue {
  switch (column) {
    case "rank":
      return row?.rank ?? null;
    case "agencyCode":
      return row?.agencyCode ?? "";
    case "agencyName":
      return row?.agencyName ?? label;
    case "score":
      return row?.score ?? null;
    case "grade":
      return row ? (row.grade ? GRADE_LABELS[row.grade] : UNGRADED) : "";
    default:
      return figures[column];
  }
}

export async function periodicReportXlsx(report: AgencyReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Tổng đài TTHC";
  workbook.created = new Date(report.asOf);

  const columns = Object.keys(RANKING_HEADERS) as RankingColumn[];
  const ranking = workbook.addWorksheet(RANKING_SHEET);
  title(ranking, report, "Báo cáo định kỳ", columns.length);
  header(
    ranking,
    columns.map((column) => RANKING_HEADERS[column]),
  );
  columns.forEach((column, i) => {
    const sheetColumn = ranking.getColumn(i + 1);
    sheetColumn.width = column === "agencyName" ? 36 : 14;
    if (PERCENT_COLUMNS.has(column)) sheetColumn.numFmt = "0.0%";
    if (column === "averageHandlingDays") sheetColumn.numFmt = "0.0";
  });
  for (const row of report.rows) ranking.addRow(columns.map((column) => rankingValue(column, row, row, "")));
  const total = ranking.addRow(columns.map((column) => rankingValue(column, null, report.total, totalLabel(report))));
  total.font = { bold: true };

  const cases = workbook.addWorksheet(CASES_SHEET);
  const caseHeaders = [
    "Mã đơn vị",
    "Đơn vị",
    "Phiếu tiếp nhận",
    ...report.kinds.map((kind) => KIND_LABELS[kind]),
    ...report.topics.map(topicLabel),
  ];
  title(cases, report, "Phiếu tiếp nhận theo loại và chủ đề,", caseHeaders.length);
  header(cases, caseHeaders);
  cases.getColumn(2).width = 36;
  const caseRow = (code: string, name: string, figures: PeriodFigures) => [
    code,
    name,
    figures.casesReceived,
    ...report.kinds.map((kind) => figures.casesByKind[kind] ?? 0),
    ...report.topics.map((topic) => figures.casesByTopic[topic] ?? 0),
  ];
  for (const row of report.rows) cases.addRow(caseRow(row.agencyCode, row.agencyName, row));
  cases.addRow(caseRow("", totalLabel(report), report.total)).font = { bold: true };

  return Buffer.from(await workbook.xlsx.writeBuffer());
}
