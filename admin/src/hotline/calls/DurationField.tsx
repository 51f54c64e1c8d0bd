import { Typography } from "@mui/material";
import { type FieldProps, useFieldValue } from "react-admin";
import { formatDuration } from "./format";

/** Seconds shown as mm:ss. */
export const DurationField = ({ source, record }: FieldProps) => {
  const value: unknown = useFieldValue({ source, record });
  return (
    <Typography component="span" variant="body2" sx={{ fontVariantNumeric: "tabular-nums" }}>
      {formatDuration(typeof value === "number" ? value : null)}
    </Typography>
  );
};
