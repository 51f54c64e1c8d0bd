// "Báo cáo định kỳ": a month's or a quarter's figures per agency, scored, graded and ranked, with
// charts, the .xlsx export and the printable page (server-rendered, opened in a new tab). A closed
// period shows its prepared report when there is one, saying when it was prepared; readers can count
// afresh, and administrators prepare it again.
import DownloadIcon from "@mui/icons-material/Download";
import PrintIcon from "@mui/icons-material/Print";
import RefreshIcon from "@mui/icons-material/Refresh";
import { Alert, Box, Button, Card, CardContent, LinearProgress, Stack, Typography } from "@mui/material";
import { useEffect, useMemo, useState } from "react";
import { Title, useNotify, usePermissions, useTranslate } from "react-admin";
import { displayDate } from "../../../../../server/clock/vietnam-time";
import type { AgencyReport } from "../../../../../server/contract/hotline/agency-reports";
import { can } from "../../../access/can";
import { formatDateTime } from "../../calls/format";
import { agencyReportUrl, fetchAgencyReport, prepareAgencyReport } from "./api";
import { CasesChart, ScoreChart } from "./Charts";
import { PeriodPicker } from "./PeriodPicker";
import { lastMonth, type PeriodChoice, periodKey } from "./period";
import { CasesTable, RankingTable } from "./Tables";

const QUARTERS = ["I", "II", "III", "IV"];

export const PeriodicReportPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { permissions } = usePermissions();
  const mayPrepare = can(permissions, "report-scoring", "edit");
  const [choice, setChoice] = useState<PeriodChoice>(() => lastMonth());
  const [live, setLive] = useState(false);
  const [report, setReport] = useState<AgencyReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const period = periodKey(choice);
  const years = useMemo(() => {
    const current = lastMonth().year + 1;
    return Array.from({ length: 6 }, (_, i) => current - i);
  }, []);

  useEffect(() => {
    let current = true;
    setLoading(true);
    fetchAgencyReport(period, live)
      .then((data) => {
        if (!current) return;
        setReport(data);
        setError(null);
      })
      .catch((e: unknown) => {
        if (!current) return;
        setReport(null);
        setError(e instanceof Error ? e.message : "ra.notification.http_error");
      })
      .finally(() => current && setLoading(false));
    return () => {
      current = false;
    };
  }, [period, live]);

  const prepare = async () => {
    try {
      // The answer is the report as now prepared.
      setReport(await prepareAgencyReport(period));
      setLive(false);
      notify("tthc.agency_reports.prepared", { type: "success" });
    } catch (e) {
      notify(e instanceof Error ? e.message : "ra.notification.http_error", { type: "error" });
    }
  };

  const label =
    choice.kind === "month"
      ? translate("tthc.agency_reports.period_month", { month: String(choice.n).padStart(2, "0"), year: choice.year })
      : translate("tthc.agency_reports.period_quarter", { quarter: QUARTERS[choice.n - 1], year: choice.year });
  const { weights, minAnswers } = report?.scoring ?? { weights: { satisfaction: 0, onTime: 0, answer: 0 }, minAnswers: 0 };

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="tthc.agency_reports.title" />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ flexWrap: "wrap", alignItems: "center", rowGap: 2, mb: 2 }}>
            <PeriodPicker
              value={choice}
              years={years}
              onChange={(next) => {
                setChoice(next);
                setLive(false);
              }}
            />
            <Button variant="outlined" startIcon={<DownloadIcon />} href={agencyReportUrl(period, { live, what: "export.xlsx" })} download>
              {translate("tthc.agency_reports.export_xlsx")}
            </Button>
            <Button
              variant="outlined"
              startIcon={<PrintIcon />}
              href={agencyReportUrl(period, { live, what: "print" })}
              target="_blank"
              rel="noopener"
            >
              {translate("tthc.agency_reports.print")}
            </Button>
          </Stack>
          {loading && <LinearProgress />}
          {error && <Alert severity="error">{translate(error, { _: error })}</Alert>}
          {report && (
            <>
              <Typography variant="h6" component="h2" data-testid="report-heading">
                {translate("tthc.agency_reports.title")} {label}
              </Typography>
              <Stack direction="row" spacing={2} sx={{ alignItems: "center", flexWrap: "wrap", mb: 1 }}>
                <Typography color="text.secondary">
                  {translate("tthc.agency_reports.from_to", { from: displayDate(report.from), to: displayDate(report.to) })}
                  {" · "}
                  <span data-testid="prepared-state">
                    {report.preparedAt
                      ? translate("tthc.agency_reports.prepared_at", { at: formatDateTime(report.preparedAt) })
                      : translate("tthc.agency_reports.live")}
                  </span>
                </Typography>
                {report.closed && report.preparedAt && (
                  <Button size="small" startIcon={<RefreshIcon />} onClick={() => setLive(true)}>
                    {translate("tthc.agency_reports.recount")}
                  </Button>
                )}
                {report.closed && live && (
                  <Button size="small" onClick={() => setLive(false)}>
                    {translate("tthc.agency_reports.show_prepared")}
                  </Button>
                )}
                {report.closed && mayPrepare && (
                  <Button size="small" variant="outlined" onClick={() => void prepare()}>
                    {translate("tthc.agency_reports.prepare")}
                  </Button>
                )}
              </Stack>
              {!report.closed && (
                <Alert severity="info" sx={{ mb: 1 }}>
                  {translate("tthc.agency_reports.not_over")}
                </Alert>
              )}
              <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
                {translate("tthc.agency_reports.formula", { ...weights, minAnswers })}
              </Typography>
              <Stack direction={{ xs: "column", lg: "row" }} spacing={2} sx={{ mb: 2 }}>
                <Box sx={{ flex: 1 }}>
                  <ScoreChart report={report} />
                </Box>
                <Box sx={{ flex: 1 }}>
                  <CasesChart report={report} />
                </Box>
              </Stack>
              <Typography variant="h6" component="h2">
                {translate("tthc.agency_reports.ranking")}
              </Typography>
              <RankingTable report={report} />
              <Typography variant="h6" component="h2" sx={{ mt: 3 }}>
                {translate("tthc.agency_reports.cases_title")}
              </Typography>
              <CasesTable report={report} />
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
