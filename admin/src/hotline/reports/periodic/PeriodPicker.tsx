// Month or quarter, and which: the report's period.
import { MenuItem, Stack, TextField } from "@mui/material";
import { useTranslate } from "react-admin";
import { type PeriodChoice, type PeriodKind, switchKind } from "./period";

export const PeriodPicker = ({ value, onChange, years }: { value: PeriodChoice; onChange: (v: PeriodChoice) => void; years: number[] }) => {
  const translate = useTranslate();
  const count = value.kind === "month" ? 12 : 4;
  return (
    <Stack direction="row" spacing={1}>
      <TextField
        select
        size="small"
        label={translate("tthc.agency_reports.kind")}
        value={value.kind}
        onChange={(e) => onChange(switchKind(value, e.target.value as PeriodKind))}
        sx={{ width: 120 }}
        slotProps={{ htmlInput: { "data-testid": "period-kind" } }}
      >
        <MenuItem value="month">{translate("tthc.agency_reports.month")}</MenuItem>
        <MenuItem value="quarter">{translate("tthc.agency_reports.quarter")}</MenuItem>
      </TextField>
      <TextField
        select
        size="small"
        label={translate(value.kind === "month" ? "tthc.agency_reports.month" : "tthc.agency_reports.quarter")}
        value={value.n}
        onChange={(e) => onChange({ ...value, n: Number(e.target.value) })}
        sx={{ width: 100 }}
      >
        {Array.from({ length: count }, (_, i) => i + 1).map((n) => (
          <MenuItem key={n} value={n}>
            {value.kind === "month" ? n : ["I", "II", "III", "IV"][n - 1]}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        select
        size="small"
        label={translate("tthc.agency_reports.year")}
        value={value.year}
        onChange={(e) => onChange({ ...value, year: Number(e.target.value) })}
        sx={{ width: 110 }}
      >
        {years.map((year) => (
          <MenuItem key={year} value={year}>
            {year}
          </MenuItem>
        ))}
      </TextField>
    </Stack>
  );
};
