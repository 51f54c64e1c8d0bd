import { Chip } from "@mui/material";
import { type FieldProps, useRecordContext, useTranslate } from "react-admin";
import type { CallbackRequest } from "../../../../server/contract/hotline/callbacks";

const COLORS = { open: "warning", called_back: "success", unreachable: "error", closed: "default" } as const;

/** The status as a coloured chip, with "overdue" on open requests past their due time. */
export const StatusChip = (_props: FieldProps) => {
  const record = useRecordContext<CallbackRequest>();
  const translate = useTranslate();
  if (!record) return null;
  const overdue = record.status === "open" && new Date(record.dueAt).getTime() < Date.now();
  return (
    <>
      <Chip size="small" color={COLORS[record.status] ?? "default"} label={translate(`tthc.callbacks.statuses.${record.status}`)} />
      {overdue && <Chip size="small" color="error" variant="outlined" sx={{ ml: 0.5 }} label={translate("tthc.callbacks.overdue")} />}
    </>
  );
};
