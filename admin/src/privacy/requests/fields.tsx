// A request's state as a chip, and a deadline shown red with "Quá hạn" once past while still pending.
import { Chip, Stack, Typography } from "@mui/material";
import { type FieldProps, useRecordContext, useTranslate } from "react-admin";
import { displayDate } from "../../../../server/clock/vietnam-time";
import type { PrivacyRequest } from "../../../../server/contract/privacy/requests";

const COLORS = { received: "info", acknowledged: "secondary", in_progress: "primary", completed: "success", rejected: "default" } as const;

export const RequestStateChip = (_props: FieldProps) => {
  const record = useRecordContext<PrivacyRequest>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={COLORS[record.state]}
      label={translate(`tthc.privacy.states.${record.state}`)}
      data-testid="privacy-request-state"
    />
  );
};

/** The deadline that matters now: acknowledgement until acknowledged, then completion. */
export const PendingDeadlineField = (_props: FieldProps) => {
  const record = useRecordContext<PrivacyRequest>();
  const translate = useTranslate();
  if (!record) return null;
  const date = record.acknowledgedAt ? record.completeBy : record.acknowledgeBy;
  const color = record.overdue ? "error.main" : record.dueSoon ? "warning.main" : undefined;
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }} data-testid="privacy-request-deadline">
      <Typography variant="body2" color={color}>
        {displayDate(date)}
      </Typography>
      {record.overdue && <Chip size="small" color="error" label={translate("tthc.privacy.overdue")} />}
      {record.dueSoon && <Chip size="small" color="warning" label={translate("tthc.privacy.due_soon")} />}
    </Stack>
  );
};
