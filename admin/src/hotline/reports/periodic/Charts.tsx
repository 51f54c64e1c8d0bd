// The report's charts, drawn with recharts like the satisfaction report: the graded agencies' scores
// against the grade bands, and the cases received by kind per agency.
import { Box, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { Bar, BarChart, CartesianGrid, Cell, Legend, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { AgencyReport, Grade } from "../../../../../server/contract/hotline/agency-reports";

const GRADE_FILL: Record<Grade, string> = { excellent: "#2e7d32", good: "#0288d1", pass: "#ed6c02", fail: "#d32f2f" };
const KIND_FILL = ["#1976d2", "#9c27b0", "#00897b", "#c62828"];

export const ScoreChart = ({ report }: { report: AgencyReport }) => {
  const translate = useTranslate();
  const data = report.rows
    .filter((row) => row.score !== null)
    .map((row) => ({ name: row.agencyName, score: row.score ?? 0, grade: row.grade as Grade }));
  if (data.length === 0) return null;
  const { bands } = report.scoring;
  return (
    <Box>
      <Typography variant="subtitle1" component="h3">
        {translate("tthc.agency_reports.chart_scores")}
      </Typography>
      <Box data-testid="score-chart" sx={{ width: "100%", height: Math.max(200, data.length * 32 + 60) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 24, right: 48, top: 24, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" domain={[0, 100]} />
            <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} />
            <Tooltip />
            {(["excellent", "good", "pass"] as const).map((grade) => (
              <ReferenceLine
                key={grade}
                x={bands[grade]}
                stroke={GRADE_FILL[grade]}
                strokeDasharray="6 3"
                label={{ value: translate(`tthc.agency_reports.grades.${grade}`), position: "top", fill: GRADE_FILL[grade], fontSize: 11 }}
              />
            ))}
            <Bar dataKey="score" name={translate("tthc.agency_reports.score")} isAnimationActive={false}>
              {data.map((entry) => (
                <Cell key={entry.name} fill={GRADE_FILL[entry.grade]} />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
};

export const CasesChart = ({ report }: { report: AgencyReport }) => {
  const translate = useTranslate();
  const data = report.rows.filter((row) => row.casesReceived > 0).map((row) => ({ name: row.agencyName, ...row.casesByKind }));
  if (data.length === 0) return null;
  return (
    <Box>
      <Typography variant="subtitle1" component="h3">
        {translate("tthc.agency_reports.chart_cases")}
      </Typography>
      <Box data-testid="cases-chart" sx={{ width: "100%", height: Math.max(200, data.length * 32 + 80) }}>
        <ResponsiveContainer width="100%" height="100%">
          <BarChart data={data} layout="vertical" margin={{ left: 24, right: 48, top: 8, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" horizontal={false} />
            <XAxis type="number" allowDecimals={false} />
            <YAxis type="category" dataKey="name" width={220} tick={{ fontSize: 12 }} />
            <Tooltip />
            <Legend />
            {report.kinds.map((kind, i) => (
              <Bar
                key={kind}
                dataKey={kind}
                stackId="kinds"
                name={translate(`tthc.notes.kinds.${kind}`)}
                fill={KIND_FILL[i]}
                isAnimationActive={false}
              />
            ))}
          </BarChart>
        </ResponsiveContainer>
      </Box>
    </Box>
  );
};
