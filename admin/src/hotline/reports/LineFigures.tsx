// The line's figures beside satisfaction: per agency, how long callers waited and what became of
// them, and how busy staff were; then the same per staff member. Scrolls sideways on a phone.
import { Box, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { Figures, SatisfactionReport } from "../../../../server/contract/hotline/reports";
import { formatDuration, formatNumber, formatPercent } from "../calls/format";

const AgencyCells = ({ figures }: { figures: Figures }) => (
  <>
    <TableCell align="right">{formatNumber(figures.offered)}</TableCell>
    <TableCell align="right">{formatNumber(figures.abandonedInQueue)}</TableCell>
    <TableCell align="right">{formatDuration(figures.averageWaitSeconds)}</TableCell>
    <TableCell align="right">{formatDuration(figures.p90WaitSeconds)}</TableCell>
    <TableCell align="right">{formatPercent(figures.serviceLevel)}</TableCell>
    <TableCell align="right">{formatDuration(figures.averageTalkSeconds)}</TableCell>
    <TableCell align="right">{formatDuration(figures.averageWrapUpSeconds)}</TableCell>
    <TableCell align="right">{formatPercent(figures.occupancy)}</TableCell>
  </>
);

export const LineFigures = ({ report }: { report: SatisfactionReport }) => {
  const translate = useTranslate();
  const t = (key: string, options?: object) => translate(`tthc.line_figures.${key}`, options);
  const agencyHeaders = [
    t("offered"),
    t("abandoned_in_queue"),
    t("average_wait"),
    t("p90_wait"),
    t("service_level", { seconds: report.serviceLevelSeconds }),
    t("average_talk"),
    t("average_wrap_up"),
    t("occupancy"),
  ];
  return (
    <Box sx={{ mt: 3 }} data-testid="line-figures">
      <Typography variant="h6" component="h2">
        {t("title")}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1 }}>
        {t("explained")}
      </Typography>
      <Box sx={{ overflowX: "auto" }}>
        <Table size="small" aria-label={t("title")}>
          <TableHead>
            <TableRow>
              <TableCell>{translate("tthc.reports.agency")}</TableCell>
              {agencyHeaders.map((header) => (
                <TableCell key={header} align="right">
                  {header}
                </TableCell>
              ))}
            </TableRow>
          </TableHead>
          <TableBody>
            {report.rows.map((row) => (
              <TableRow key={row.agencyId} hover>
                <TableCell>{row.agencyName}</TableCell>
                <AgencyCells figures={row} />
              </TableRow>
            ))}
            <TableRow sx={{ "& td": { fontWeight: "bold" } }}>
              <TableCell>{translate("tthc.reports.total")}</TableCell>
              <AgencyCells figures={report.total} />
            </TableRow>
          </TableBody>
        </Table>
      </Box>
      <Typography variant="h6" component="h2" sx={{ mt: 3 }}>
        {t("staff_title")}
      </Typography>
      {report.staff.length === 0 ? (
        <Typography color="text.secondary">{t("no_staff")}</Typography>
      ) : (
        <Box sx={{ overflowX: "auto" }}>
          <Table size="small" aria-label={t("staff_title")}>
            <TableHead>
              <TableRow>
                <TableCell>{t("staff")}</TableCell>
                <TableCell>{translate("tthc.reports.agency")}</TableCell>
                <TableCell align="right">{t("answered")}</TableCell>
                <TableCell align="right">{t("average_talk")}</TableCell>
                <TableCell align="right">{t("average_wrap_up")}</TableCell>
                <TableCell align="right">{t("logged_in")}</TableCell>
                <TableCell align="right">{t("occupancy")}</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {report.staff.map((row) => (
                <TableRow key={row.staffId} hover>
                  <TableCell>{row.name}</TableCell>
                  <TableCell>{row.agencyName}</TableCell>
                  <TableCell align="right">{formatNumber(row.answered)}</TableCell>
                  <TableCell align="right">{formatDuration(row.averageTalkSeconds)}</TableCell>
                  <TableCell align="right">{formatDuration(row.averageWrapUpSeconds)}</TableCell>
                  <TableCell align="right">{formatDuration(row.loggedInSeconds)}</TableCell>
                  <TableCell align="right">{formatPercent(row.occupancy)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      )}
    </Box>
  );
};
