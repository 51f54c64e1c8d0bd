// "Chấm điểm báo cáo": the periodic reports' score formula (weights, minimum answers, grade bands),
// administrators only. Checked here as the server checks it (server/hotline/reports/periodic/scoring.ts).
import { Alert, Card, CardContent, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import {
  HttpError,
  LoadingIndicator,
  maxValue,
  minValue,
  NumberInput,
  required,
  SimpleForm,
  Title,
  useNotify,
  useTranslate,
} from "react-admin";
import type { ScoringSettings } from "../../../../../server/contract/hotline/agency-reports";
import { fetchScoring, saveScoring } from "./api";

const weightsNotAllZero = (_value: unknown, values: ScoringSettings) => {
  const w = values.weights ?? { satisfaction: 0, onTime: 0, answer: 0 };
  return Number(w.satisfaction) + Number(w.onTime) + Number(w.answer) > 0 ? undefined : "tthc.validation.scoring_weights";
};
const bandsDescending = (_value: unknown, values: ScoringSettings) => {
  const b = values.bands ?? { excellent: 0, good: 0, pass: 0 };
  return Number(b.excellent) > Number(b.good) && Number(b.good) > Number(b.pass) ? undefined : "tthc.validation.scoring_bands";
};

export const ScoringPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [settings, setSettings] = useState<ScoringSettings | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    fetchScoring()
      .then(setSettings)
      .catch(() => setFailed(true));
  }, []);

  const save = async (values: Record<string, unknown>) => {
    try {
      setSettings(await saveScoring(values as unknown as ScoringSettings));
      notify("tthc.report_scoring.saved", { type: "success" });
      return undefined;
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
      return error instanceof HttpError && error.body?.errors ? (error.body.errors as Record<string, string>) : undefined;
    }
  };

  const weight = [required(), minValue(0), maxValue(1000)];
  const band = [required(), minValue(0), maxValue(100), bandsDescending];
  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate("tthc.report_scoring.title")} />
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {translate("tthc.report_scoring.title")}
        </Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate("tthc.report_scoring.intro")}
        </Alert>
        {failed && <Alert severity="error">{translate("ra.notification.http_error")}</Alert>}
        {!settings && !failed && <LoadingIndicator />}
        {settings && (
          <SimpleForm warnWhenUnsavedChanges record={settings} onSubmit={save} resource="report-scoring">
            <Typography variant="subtitle1">{translate("tthc.report_scoring.weights")}</Typography>
            <Stack direction="row" spacing={2}>
              <NumberInput source="weights.satisfaction" min={0} step={0.1} validate={[...weight, weightsNotAllZero]} />
              <NumberInput source="weights.onTime" min={0} step={0.1} validate={weight} />
              <NumberInput source="weights.answer" min={0} step={0.1} validate={weight} />
            </Stack>
            <NumberInput source="minAnswers" min={1} step={1} validate={[required(), minValue(1), maxValue(100000)]} />
            <Typography variant="subtitle1">{translate("tthc.report_scoring.bands")}</Typography>
            <Stack direction="row" spacing={2}>
              <NumberInput source="bands.excellent" min={0} max={100} validate={band} />
              <NumberInput source="bands.good" min={0} max={100} validate={band} />
              <NumberInput source="bands.pass" min={0} max={100} validate={band} />
            </Stack>
          </SimpleForm>
        )}
      </CardContent>
    </Card>
  );
};
