import { Box, Chip, Stack, Table, TableBody, TableCell, TableHead, TableRow, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { useRecordContext, useTranslate } from "react-admin";
import type { AgencyCalendar } from "../../../../server/contract/agencies/hours";
import { API_URL, httpClient } from "../../dataProvider";

/** The next 14 days as the hotline will treat them: weekly hours, holidays (with their names) and overrides. */
export const CalendarPreview = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  const [data, setData] = useState<AgencyCalendar | null>(null);
  const id = record?.id;
  const version = record?.updatedAt;
  // Refetched whenever the saved record changes (updatedAt), so the preview follows saved edits.
  useEffect(() => {
    if (id == null) return;
    let current = true;
    httpClient(`${API_URL}/agencies/${encodeURIComponent(id)}/calendar?days=14&v=${encodeURIComponent(String(version))}`)
      .then(({ json }) => current && setData(json as AgencyCalendar))
      .catch(() => current && setData(null));
    return () => {
      current = false;
    };
  }, [id, version]);
  if (!record || !data) return null;
  return (
    <Box component="section" aria-labelledby="agency-calendar-title" sx={{ width: "100%", mt: 2 }}>
      <Typography variant="h6" id="agency-calendar-title">
        {translate("tthc.hours.preview")}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {data.hoursFrom ? translate("tthc.hours.hours_from", { name: data.hoursFrom.name }) : translate("tthc.hours.hours_default")}
        {" · "}
        {translate("tthc.hours.preview_help")}
      </Typography>
      <Table size="small">
        <TableHead>
          <TableRow>
            <TableCell>{translate("resources.hours-overrides.fields.date")}</TableCell>
            <TableCell />
            <TableCell>{translate("resources.hours-overrides.fields.ranges")}</TableCell>
            <TableCell />
          </TableRow>
        </TableHead>
        <TableBody>
          {data.days.map((day) => (
            <TableRow key={day.date}>
              <TableCell>
                {translate(`tthc.hours.weekdays.${day.weekday}`)} {day.date.split("-").reverse().join("/")}
              </TableCell>
              <TableCell>
                <Chip
                  size="small"
                  color={day.open ? "success" : "default"}
                  label={translate(day.open ? "tthc.hours.open" : "tthc.hours.closed")}
                />
              </TableCell>
              <TableCell>{day.ranges.map((range) => `${range.opens}–${range.closes}`).join(", ") || "—"}</TableCell>
              <TableCell>
                <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                  <Typography variant="body2" color="text.secondary">
                    {translate(`tthc.hours.reasons.${day.reason}`)}
                  </Typography>
                  {day.holidayName && <Chip size="small" color="warning" variant="outlined" label={day.holidayName} />}
                  {day.note && <Typography variant="body2">{day.note}</Typography>}
                </Stack>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </Box>
  );
};
