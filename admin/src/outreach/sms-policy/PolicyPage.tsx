// "Chính sách gửi tin": the Decree 91 rules the worker enforces before every send, as settings.
import { Alert, Card, CardContent, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import {
  BooleanInput,
  HttpError,
  LoadingIndicator,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  required,
  SimpleForm,
  TextInput,
  Title,
  useNotify,
  useTranslate,
} from "react-admin";
import type { SmsPolicy } from "../../../../server/contract/outreach/sms-policy";
import { TimeTextInput } from "../../common/dates/inputs";
import { isTimeOfDay } from "../../common/dates/text";
import { fetchPolicy, savePolicy } from "./api";

const endAfterStart = (value: unknown, values: Partial<SmsPolicy>) =>
  isTimeOfDay(value, true) && isTimeOfDay(values.windowStart, false) && String(value) <= String(values.windowStart)
    ? "tthc.validation.window_order"
    : undefined;
const notBlank = (value: unknown) => (typeof value === "string" && value.trim() === "" ? "ra.validation.required" : undefined);

export const PolicyPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [policy, setPolicy] = useState<SmsPolicy | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    fetchPolicy()
      .then(setPolicy)
      .catch(() => setFailed(true));
  }, []);

  const save = async (values: Record<string, unknown>) => {
    try {
      const saved = await savePolicy(values as unknown as SmsPolicy);
      setPolicy(saved);
      notify("tthc.sms.policy.saved", { type: "success" });
      return undefined;
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
      // Field reasons from the server shown next to their fields.
      return error instanceof HttpError && error.body?.errors ? (error.body.errors as Record<string, string>) : undefined;
    }
  };

  return (
    <Card sx={{ mt: 2 }}>
      <Title title={translate("tthc.sms.policy.title")} />
      <CardContent>
        <Typography variant="h5" gutterBottom>
          {translate("tthc.sms.policy.title")}
        </Typography>
        <Alert severity="info" sx={{ mb: 2 }}>
          {translate("tthc.sms.policy.intro")}
        </Alert>
        {failed && <Alert severity="error">{translate("ra.notification.http_error")}</Alert>}
        {!policy && !failed && <LoadingIndicator />}
        {policy && (
          <SimpleForm warnWhenUnsavedChanges record={policy} onSubmit={save} resource="sms-policy">
            <Typography variant="subtitle1">{translate("tthc.sms.policy.window")}</Typography>
            <Stack direction="row" spacing={2}>
              <TimeTextInput source="windowStart" validate={required()} />
              <TimeTextInput source="windowEnd" validate={[required(), endAfterStart]} endOfDay />
            </Stack>
            <NumberInput
              source="maxPerDay"
              min={1}
              max={10}
              step={1}
              validate={[required(), minValue(1), maxValue(10)]}
              helperText={translate("tthc.sms.policy.max_help")}
            />
            <BooleanInput source="requireConsent" />
            <TextInput source="label" validate={[required(), notBlank, maxLength(20)]} />
            <TextInput
              source="optOutText"
              validate={[required(), notBlank, maxLength(100)]}
              fullWidth
              helperText={translate("tthc.sms.policy.opt_out_help")}
            />
          </SimpleForm>
        )}
      </CardContent>
    </Card>
  );
};
