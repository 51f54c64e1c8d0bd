import { Box, List, ListItem, ListItemText, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useCanAccess, useGetList, useRecordContext, useTranslate } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import { ANSWER_ON, type AnswerOn } from "../../../../server/contract/enums";
import { useRoles } from "../../access/useRoles";
import { PresenceChip } from "./PresenceChip";
import { PresenceControl } from "./PresenceControl";
import { usePresence } from "./usePresence";

/** "Cán bộ nghe máy": the agency's staff, each with their state and the control for those the user may change. */
export const StaffPresence = () => {
  const record = useRecordContext();
  // For those who take or supervise calls (staff:duty).
  const { canAccess } = useCanAccess({ resource: "staff", action: "duty" });
  const enabled = record?.id != null && canAccess === true;
  const { data, refetch } = useGetList<Staff>(
    "staff",
    { filter: { agencyId: record?.id }, sort: { field: "name", order: "ASC" }, pagination: { page: 1, perPage: 200 } },
    // Calls move states on their own: look again every few seconds while the page is open.
    { enabled, refetchInterval: 5000 },
  );
  const translate = useTranslate();
  const { pending, choose, setAnswerOn } = usePresence(refetch);
  // The server's rule (server/agencies/staff/presence-routes.ts): an agent changes only themself;
  // supervisors and administrators anyone they see.
  const { id: me, roles } = useRoles();
  const mayChange = (staff: Staff) => staff.id === me || roles.includes("admin") || roles.includes("supervisor");
  if (!enabled) return null;

  return (
    <Box component="section" aria-labelledby="agency-staff-title" sx={{ p: 2, width: "100%" }}>
      <Typography variant="h6" id="agency-staff-title">
        {translate("tthc.staff.presence_panel")}
      </Typography>
      {data && data.length === 0 && <Typography color="text.secondary">{translate("tthc.staff.no_staff")}</Typography>}
      <List dense>
        {data?.map((staff) => (
          <ListItem
            key={staff.id}
            secondaryAction={
              mayChange(staff) ? (
                <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
                  <TextField
                    select
                    size="small"
                    label={translate("tthc.desk.answer_on.label")}
                    value={staff.answerOn}
                    disabled={pending === staff.id}
                    onChange={(event) => void setAnswerOn(staff, event.target.value as AnswerOn)}
                    sx={{ width: 150 }}
                  >
                    {ANSWER_ON.map((choice) => (
                      <MenuItem key={choice} value={choice}>
                        {translate(`tthc.desk.answer_on.short_${choice}`)}
                      </MenuItem>
                    ))}
                  </TextField>
                  <PresenceControl staff={staff} disabled={pending === staff.id} choose={choose} />
                </Stack>
              ) : null
            }
            sx={{ pr: mayChange(staff) ? 52 : 2 }}
          >
            <ListItemText
              primary={
                <Box component="span" sx={{ display: "flex", gap: 1, alignItems: "center", flexWrap: "wrap" }}>
                  {staff.name} <PresenceChip staff={staff} />
                </Box>
              }
              secondary={
                staff.answerOn === "browser" ? translate("tthc.desk.answer_on.browser") : staff.phone || translate("tthc.staff.no_phone")
              }
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
};
