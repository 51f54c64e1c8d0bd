import { Box, FormControlLabel, Switch, Typography } from "@mui/material";
import { ArrayInput, BooleanInput, required, SimpleFormIterator, useTranslate } from "react-admin";
import { useFormContext, useWatch } from "react-hook-form";
import { TimeTextInput } from "../../common/dates/inputs";
import { OFFICE_WEEK, WEEKDAYS } from "./weekly-hours";

/**
 * Weekly opening hours: per weekday a list of from–to ranges (none = closed), or null to inherit the
 * parent's. The server checks overlaps and order and names the exact range in its answer.
 */
export const WeeklyHoursInput = () => {
  const translate = useTranslate();
  const { setValue } = useFormContext();
  const week = useWatch({ name: "weeklyHours" });
  const inherit = week == null;
  return (
    <Box sx={{ width: "100%" }}>
      <FormControlLabel
        control={
          <Switch
            checked={inherit}
            onChange={(event) => setValue("weeklyHours", event.target.checked ? null : structuredClone(OFFICE_WEEK), { shouldDirty: true })}
          />
        }
        label={translate("tthc.hours.inherit")}
      />
      <Typography variant="body2" color="text.secondary" sx={{ mb: 2 }}>
        {translate("tthc.hours.inherit_help")}
      </Typography>
      {!inherit &&
        WEEKDAYS.map((day) => (
          <Box key={day} sx={{ display: "flex", gap: 2, alignItems: "flex-start", borderTop: 1, borderColor: "divider", pt: 1 }}>
            <Typography sx={{ width: 110, pt: 2, fontWeight: 500 }}>{translate(`tthc.hours.weekdays.${day}`)}</Typography>
            <ArrayInput source={`weeklyHours.${day}`} label={false}>
              <SimpleFormIterator inline disableReordering disableClear>
                <TimeTextInput source="opens" label="tthc.hours.opens" validate={required()} />
                <TimeTextInput source="closes" label="tthc.hours.closes" validate={required()} endOfDay />
              </SimpleFormIterator>
            </ArrayInput>
          </Box>
        ))}
      <BooleanInput source="observeHolidays" label="tthc.hours.observe_holidays" sx={{ mt: 2 }} />
    </Box>
  );
};
