import { Chip, Stack } from "@mui/material";
import { type FieldProps, useRecordContext, useTranslate } from "react-admin";
import type { Case } from "../../../../server/contract/hotline/cases";

const COLORS = {
  new: "info",
  in_progress: "primary",
  waiting_citizen: "warning",
  answered: "success",
  closed: "default",
  reopened: "secondary",
} as const;

/** The state as a coloured chip. */
export const StateChip = (_props: FieldProps) => {
  const record = useRecordContext<Case>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Chip
      size="small"
      color={COLORS[record.state] ?? "default"}
      label={translate(`tthc.cases.states.${record.state}`)}
      data-testid="case-state"
    />
  );
};

/** The last day to answer, in red with "Quá hạn" once past it (and the escalation level, if any). */
export const DueDateField = (_props: FieldProps) => {
  const record = useRecordContext<Case>();
  const translate = useTranslate();
  if (!record) return null;
  const [y, m, d] = record.dueDate.split("-");
  return (
    <Stack direction="row" spacing={0.5} sx={{ alignItems: "center" }} component="span">
      <span style={record.overdue ? { color: "#c62828", fontWeight: 600 } : undefined}>{`${d}/${m}/${y}`}</span>
      {record.overdue && <Chip size="small" color="error" label={translate("tthc.cases.overdue")} data-testid="case-overdue" />}
      {record.escalationLevel > 0 && (
        <Chip size="small" color="error" variant="outlined" label={translate("tthc.cases.escalated", { level: record.escalationLevel })} />
      )}
    </Stack>
  );
};
