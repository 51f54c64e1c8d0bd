// The ranking (score, grade and every figure per agency, then the total) and the cases by kind and topic.
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { AgencyReport, AgencyReportRow, PeriodFigures } from "../../../../../server/contract/hotline/agency-reports";
import { formatNumber, formatPercent } from "../../calls/format";
import { GradeChip } from "./GradeChip";

const DAYS = new Intl.NumberFormat("vi-VN", { maximumFractionDigits: 1 });
const SCORE = new Intl.NumberFormat("vi-VN", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

const FigureCells = ({ f }: { f: PeriodFigures }) => {
  const translate = useTranslate();
  const withAnswers = (rate: number | null, count: number) => (
    <>
      {formatPercent(rate)}
      <Typography variant="caption" component="div" color="text.secondary">
        {translate("tthc.agency_reports.answers", { count: formatNumber(count) })}
      </Typography>
    </>
  );
  return (
    <>
      <TableCell align="right">{formatNumber(f.calls)}</TableCell>
      <TableCell align="right">{formatPercent(f.answerRate)}</TableCell>
      <TableCell align="right">{formatNumber(f.casesReceived)}</TableCell>
      <TableCell align="right">{formatNumber(f.answeredOnTime)}</TableCell>
      <TableCell align="right">{formatNumber(f.answeredLate)}</TableCell>
      <TableCell align="right">{formatPercent(f.onTimeRate)}</TableCell>
      <TableCell align="right">{formatNumber(f.open)}</TableCell>
      <TableCell align="right">{formatNumber(f.overdue)}</TableCell>
      <TableCell align="right">{f.averageHandlingDays === null ? "—" : DAYS.format(f.averageHandlingDays)}</TableCell>
      <TableCell align="right">{withAnswers(f.callSatisfactionRate, f.callAnswers)}</TableCell>
      <TableCell align="right">{withAnswers(f.caseSatisfactionRate, f.caseAnswers)}</TableCell>
    </>
  );
};

const RANKING_HEADERS = [
  "rank",
  "agency",
  "score",
  "grade",
  "calls",
  "answer_rate",
  "cases_received",
  "answered_on_time",
  "answered_late",
  "on_time_rate",
  "open",
  "overdue",
  "handling_days",
  "call_satisfaction",
  "case_satisfaction",
];

export const RankingTable = ({ report }: { report: AgencyReport }) => {
  const translate = useTranslate();
  const row = (r: AgencyReportRow) => (
    <TableRow key={r.agencyId} hover data-agency={r.agencyCode}>
      <TableCell>{r.rank ?? "—"}</TableCell>
      <TableCell>{r.agencyName}</TableCell>
      <TableCell align="right">{r.score === null ? "—" : SCORE.format(r.score)}</TableCell>
      <TableCell>
        <GradeChip grade={r.grade} />
      </TableCell>
      <FigureCells f={r} />
    </TableRow>
  );
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" aria-label={translate("tthc.agency_reports.ranking")}>
        <TableHead>
          <TableRow>
            {RANKING_HEADERS.map((key, i) => (
              <TableCell key={key} align={i === 1 || i === 3 ? "left" : "right"}>
                {translate(`tthc.agency_reports.${key}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {report.rows.map(row)}
          <TableRow sx={{ "& td": { fontWeight: "bold" } }}>
            <TableCell />
            <TableCell>
              {translate(report.wholeProvince ? "tthc.agency_reports.total_province" : "tthc.agency_reports.total_subtree")}
            </TableCell>
            <TableCell />
            <TableCell />
            <FigureCells f={report.total} />
          </TableRow>
        </TableBody>
      </Table>
    </Box>
  );
};

export const CasesTable = ({ report }: { report: AgencyReport }) => {
  const translate = useTranslate();
  const topic = (t: string) => (t === "" ? translate("tthc.agency_reports.no_topic") : t);
  const cells = (f: PeriodFigures) => (
    <>
      <TableCell align="right">{formatNumber(f.casesReceived)}</TableCell>
      {report.kinds.map((kind) => (
        <TableCell key={kind} align="right">
          {formatNumber(f.casesByKind[kind] ?? 0)}
        </TableCell>
      ))}
      {report.topics.map((t) => (
        <TableCell key={`topic-${t}`} align="right">
          {formatNumber(f.casesByTopic[t] ?? 0)}
        </TableCell>
      ))}
    </>
  );
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" aria-label={translate("tthc.agency_reports.cases_title")}>
        <TableHead>
          <TableRow>
            <TableCell>{translate("tthc.agency_reports.agency")}</TableCell>
            <TableCell align="right">{translate("tthc.agency_reports.received")}</TableCell>
            {report.kinds.map((kind) => (
              <TableCell key={kind} align="right">
                {translate(`tthc.notes.kinds.${kind}`)}
              </TableCell>
            ))}
            {report.topics.map((t) => (
              <TableCell key={`topic-${t}`} align="right">
                {topic(t)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {report.rows.map((r) => (
            <TableRow key={r.agencyId} hover>
              <TableCell>{r.agencyName}</TableCell>
              {cells(r)}
            </TableRow>
          ))}
          <TableRow sx={{ "& td": { fontWeight: "bold" } }}>
            <TableCell>
              {translate(report.wholeProvince ? "tthc.agency_reports.total_province" : "tthc.agency_reports.total_subtree")}
            </TableCell>
            {cells(report.total)}
          </TableRow>
        </TableBody>
      </Table>
    </Box>
  );
};
