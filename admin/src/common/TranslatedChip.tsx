import { Chip } from "@mui/material";
import { type FieldProps, useFieldValue, useTranslate } from "react-admin";

interface TranslatedChipProps extends FieldProps {
  /** Translation key prefix; the value is appended, e.g. "tthc.kinds" + "ward". */
  prefix: string;
}

/** A code shown as a chip with its translated name, falling back to the raw code. */
export const TranslatedChip = ({ prefix, source, record }: TranslatedChipProps) => {
  const value: unknown = useFieldValue({ source, record });
  const translate = useTranslate();
  if (value == null || value === "") return null;
  const code = String(value);
  return <Chip size="small" label={translate(`${prefix}.${code}`, { _: code })} />;
};
