import { Typography } from "@mui/material";
import { type FieldProps, useFieldValue, useTranslate } from "react-admin";

/** The server stores a withheld or invalid caller ID as this marker (server/phone/caller-id.ts). */
const WITHHELD_CALLER = "anonymous";

/** The caller's number, or "Số ẩn" when the network withheld it. */
export const CallerField = ({ source, record }: FieldProps) => {
  const value: unknown = useFieldValue({ source, record });
  const translate = useTranslate();
  return (
    <Typography component="span" variant="body2">
      {value === WITHHELD_CALLER ? translate("tthc.calls.withheld_caller") : String(value ?? "")}
    </Typography>
  );
};
