import DownloadIcon from "@mui/icons-material/Download";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  LinearProgress,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  TextField,
  Typography,
} from "@mui/material";
import { useEffect, useState } from "react";
import { Link, Title, useTranslate } from "react-admin";
import { Bar, BarChart, CartesianGrid, Cell, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AgencyRow, Figures, SatisfactionReport } from "../../../../server/contract/hotline/reports";
import { DateTextField } from "../../common/dates/inputs";
import { callsListPath, formatDuration, formatNumber, formatPercent, vietnamDay } from "../calls/format";
import { fetchSatisfaction, satisfactionUrl } from "./api";
import { LineFigures } from "./LineFigures";

/** A figure that opens the call list filtered to exactly the calls it counts. */
const CountLink = ({ value, filter }: { value: number; filter: Record<string, unknown> | null }) =>
  filter && value > 0 ? <Link to={callsListPath(filter)}>{formatNumber(value)}</Link> : formatNumber(value);

const FigureCells = ({ figures, base }: { figures: Figures; base: Record<string, unknown> | null }) => {
  const drill = (extra: Record<string, unknown>) => (base ? { ...base, ...extra } : null);
  return (
    <>
      <TableCell align="right">
        <CountLink value={figures.calls} filter={drill({})} />
      </TableCell>
      <TableCell align="right">
        <CountLink value={figures.answered} filter={drill({ answered: true })} />
      </TableCell>
      <TableCell align="right">{formatPercent(figures.answerRate)}</TableCell>
      <TableCell align="right">{formatDuration(figures.averageWaitSeconds)}</TableCell>
      <TableCell align="right">
        <CountLink value={figures.answers} filter={drill({ satisfaction: [1, 2, 3] })} />
      </TableCell>
      <TableCell align="right">
        <CountLink value={figures.verySatisfied} filter={drill({ satisfaction: [1] })} />
      </TableCell>
      <TableCell align="right">
        <CountLink value={figures.satisfied} filter={drill({ satisfaction: [2] })} />
      </TableCell>
      <TableCell align="right">
        <CountLink value={figures.dissatisfied} filter={drill({ satisfaction: [3] })} />
      </TableCell>
      <TableCell align="right">
        <strong>{formatPercent(figures.satisfactionRate)}</strong>
      </TableCell>
      <TableCell align="right">{formatPercent(figures.resolvedRate)}</TableCell>
    </>
  );
};

const Chart = ({ report }: { report: SatisfactionReport }) => {
  const translate = useTranslate();
  const data = report.rows
    .filter((row) => row.satisfactionRate !== null)
    .map((row) => ({ name: row.agencyName, rate: Math.round((row.satisfactionRate ?? 0) * 1000) / 10, ranked: row.rank !== null }));
  if (data.length === 0) return null;
  const target = report.target * 100;
  return (
    <Box data-testid="satisfaction-chart" sx={{ width: "100%", height: Math.max(240, data.length * 36 + 60) }}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ left: 24, right: 48, top: 24, bottom: 8 }}>
          <CartesianGrid strokeDasharray="3 3" horizontal={false} />
          <XAxis type="number" domain={[0, 100]} unit="%" />
          <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} />
          <Tooltip formatter={(value) => `${String(value)}%`} />
          <ReferenceLine
            x={target}
            stroke="#d32f2f"
            strokeDasharray="6 3"
            label={{ value: translate("tthc.reports.target", { percent: `${target}%` }), position: "top", fill: "#d32f2f" }}
          />
          <Bar dataKey="rate" name={translate("tthc.reports.satisfaction_rate")} isAnimationActive={false}>
            {data.map((entry) => (
              <Cell key={entry.name} fill={!entry.ranked ? "#bdbdbd" : entry.rate >= target ? "#2e7d32" : "#ed6c02"} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </Box>
  );
};

const ReportTable = ({ report }: { report: SatisfactionReport }) => {
  const translate = useTranslate();
  const period = { from: report.from, to: report.to, simulated: false };
  const headers = [
    "rank",
    "agency",
    "calls",
    "answered",
    "answer_rate",
    "average_wait",
    "answers",
    "very_satisfied",
    "satisfied",
    "dissatisfied",
    "satisfaction_rate",
    "resolved_rate",
  ];
  const row = (r: AgencyRow) => (
    <TableRow key={r.agencyId} hover>
      <TableCell>{r.rank ?? <Typography variant="caption">{translate("tthc.reports.not_enough")}</Typography>}</TableCell>
      <TableCell>{r.agencyName}</TableCell>
      <FigureCells figures={r} base={{ ...period, agencyId: r.agencyId }} />
    </TableRow>
  );
  return (
    <Box sx={{ overflowX: "auto" }}>
      <Table size="small" aria-label={translate("tthc.reports.satisfaction_title")}>
        <TableHead>
          <TableRow>
            {headers.map((key, i) => (
              <TableCell key={key} align={i < 2 ? "left" : "right"}>
                {translate(`tthc.reports.${key}`)}
              </TableCell>
            ))}
          </TableRow>
        </TableHead>
        <TableBody>
          {report.rows.map(row)}
          {report.unrouted && (
            <TableRow>
              <TableCell />
              <TableCell>{translate("tthc.reports.unrouted")}</TableCell>
              <FigureCells figures={report.unrouted} base={null} />
            </TableRow>
          )}
          <TableRow sx={{ "& td": { fontWeight: "bold" } }}>
            <TableCell />
            <TableCell>{translate("tthc.reports.total")}</TableCell>
            <FigureCells figures={report.total} base={period} />
          </TableRow>
        </TableBody>
      </Table>
    </Box>
  );
};

export const SatisfactionReportPage = () => {
  const translate = useTranslate();
  const [from, setFrom] = useState(() => vietnamDay(-29));
  const [to, setTo] = useState(() => vietnamDay());
  const [minAnswers, setMinAnswers] = useState(10);
  const [report, setReport] = useState<SatisfactionReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  // A reversed period is refused here as the server would refuse it: said at once, and no figures of
  // the previous period left on screen as if they answered this one.
  const periodError = from !== "" && to !== "" && from > to ? "tthc.validation.period_order" : null;

  useEffect(() => {
    if (!from || !to || periodError || minAnswers < 1) return;
    let current = true;
    setLoading(true);
    fetchSatisfaction({ from, to, minAnswers })
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
  }, [from, to, periodError, minAnswers]);

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="tthc.reports.satisfaction_title" />
      <Card>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ flexWrap: "wrap", alignItems: "center", rowGap: 2, mb: 2 }}>
            <DateTextField size="small" label={translate("tthc.reports.from")} value={from} onChange={setFrom} sx={{ width: 180 }} />
            <DateTextField size="small" label={translate("tthc.reports.to")} value={to} onChange={setTo} sx={{ width: 180 }} />
            <TextField
              type="number"
              fullWidth={false}
              size="small"
              label={translate("tthc.reports.min_answers")}
              value={minAnswers}
              onChange={(e) => setMinAnswers(Math.max(1, Number(e.target.value) || 1))}
              slotProps={{ htmlInput: { min: 1 } }}
              sx={{ width: 260 }}
            />
            <Button
              variant="outlined"
              startIcon={<DownloadIcon />}
              href={satisfactionUrl({ from, to, minAnswers }, "csv")}
              download
              disabled={periodError !== null}
            >
              {translate("tthc.reports.download_csv")}
            </Button>
          </Stack>
          {loading && <LinearProgress />}
          {periodError && <Alert severity="error">{translate(periodError)}</Alert>}
          {!periodError && error && <Alert severity="error">{translate(error, { _: error })}</Alert>}
          {report && !periodError && (
            <>
              <Typography variant="h6" component="h2" sx={{ mt: 1 }}>
                {translate("tthc.reports.chart_title")}
              </Typography>
              {report.rows.length === 0 ? (
                <Typography color="text.secondary">{translate("tthc.reports.empty")}</Typography>
              ) : (
                <Chart report={report} />
              )}
              <ReportTable report={report} />
              <LineFigures report={report} />
            </>
          )}
        </CardContent>
      </Card>
    </Box>
  );
};
