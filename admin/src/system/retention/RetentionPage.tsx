// "Thời hạn lưu trữ": every kind of record's period (Law 91/2025: kept no longer than needed), each
// with the dry run beside it: how many records the next nightly run would remove.
import { Alert, Card, CardContent, Stack, Typography } from "@mui/material";
import { useCallback, useEffect, useState } from "react";
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
import type { RetentionPreview, RetentionSettings } from "../../../../server/contract/privacy/retention";
import { RETENTION_KINDS } from "../../../../server/contract/privacy/retention-kinds";
import { fetchPreview, fetchRetention, saveRetention } from "./api";

export const RetentionPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [settings, setSettings] = useState<RetentionSettings | null>(null);
  const [preview, setPreview] = useState<RetentionPreview | null>(null);
  const [failed, setFailed] = useState(false);

  const loadPreview = useCallback(() => {
    fetchPreview()
      .then(setPreview)
      .catch(() => setPreview(null));
  }, []);

  useEffect(() => {
    fetchRetention()
      .then(setSettings)
      .catch(() => setFailed(true));
    loadPreview();
  }, [loadPreview]);

  const save = async (values: Record<string, unknown>) => {
    try {
      setSettings(await saveRetention(values as unknown as RetentionSettings));
      notify("tthc.retention.saved", { type: "success" });
      loadPreview();
      return undefined;
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
      return error instanceof HttpError && error.body?.errors ? (error.body.errors as Record<string, string>) : undefined;
    }
  };

  const countOf = (kind: string) => {
    const found = preview?.kinds.find((entry) => entry.kind === kind);
    if (!found) return "";
    if (found.count === null) return translate("tthc.retention.not_enforced");
    return translate("tthc.retention.next_run", { smart_count: found.count });
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate("tthc.retention.title")} />
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {translate("tthc.retention.title")}
        </Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate("tthc.retention.intro")}
        </Alert>
        {failed && <Alert severity="error">{translate("ra.notification.http_error")}</Alert>}
        {!settings && !failed && <LoadingIndicator />}
        {settings && (
          <SimpleForm warnWhenUnsavedChanges record={settings} onSubmit={save} resource="retention">
            {RETENTION_KINDS.map((rule) => (
              <Stack key={rule.kind} direction="row" spacing={2} alignItems="center" data-kind={rule.kind}>
                <NumberInput
                  source={rule.field}
                  min={rule.min}
                  max={rule.max}
                  step={1}
                  validate={[required(), minValue(rule.min), maxValue(rule.max)]}
                  helperText={translate(`tthc.retention.help.${rule.kind}`)}
                  sx={{ minWidth: 320 }}
                />
                <Typography variant="body2" color="text.secondary" data-testid={`retention-count-${rule.kind}`}>
                  {countOf(rule.kind)}
                </Typography>
              </Stack>
            ))}
          </SimpleForm>
        )}
      </CardContent>
    </Card>
  );
};
