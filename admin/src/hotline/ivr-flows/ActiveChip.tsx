import CheckCircleIcon from "@mui/icons-material/CheckCircle";
import { Chip } from "@mui/material";
import { type FieldProps, useRecordContext, useTranslate } from "react-admin";
import type { FlowVersion } from "../../../../server/contract/hotline/ivr-flows";

/** "Đang dùng" on the version that serves new calls, nothing on the others. */
export const ActiveChip = (_props: FieldProps) => {
  const record = useRecordContext<FlowVersion>();
  const translate = useTranslate();
  if (!record?.active) return null;
  return <Chip size="small" color="success" icon={<CheckCircleIcon />} label={translate("tthc.flows.active")} />;
};
