import { Box, Chip, List, ListItem, ListItemText, Switch, Typography } from "@mui/material";
import { useCanAccess, useGetList, useRecordContext, useTranslate } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import { useRoles } from "../../access/useRoles";
import { useDutyToggle } from "./useDutyToggle";

/** "Cán bộ trực": the agency's staff with a quick on/off duty switch (only the switches the user may flip are enabled). */
export const StaffOnDuty = () => {
  const record = useRecordContext();
  // For those who take or supervise calls (staff:duty).
  const { canAccess } = useCanAccess({ resource: "staff", action: "duty" });
  const enabled = record?.id != null && canAccess === true;
  const { data, refetch } = useGetList<Staff>(
    "staff",
    { filter: { agencyId: record?.id }, sort: { field: "name", order: "ASC" }, pagination: { page: 1, perPage: 200 } },
    { enabled },
  );
  const translate = useTranslate();
  const { pending, toggle } = useDutyToggle(refetch);
  // The server's rule (server/agencies/staff/duty-routes.ts): an agent switches only themself;
  // supervisors and administrators anyone they see.
  const { id: me, roles } = useRoles();
  const mayToggle = (staff: Staff) => staff.id === me || roles.includes("admin") || roles.includes("supervisor");
  if (!enabled) return null;

  return (
    <Box component="section" aria-labelledby="agency-staff-title" sx={{ p: 2, width: "100%" }}>
      <Typography variant="h6" id="agency-staff-title">
        {translate("tthc.staff.on_duty_panel")}
      </Typography>
      {data && data.length === 0 && <Typography color="text.secondary">{translate("tthc.staff.no_staff")}</Typography>}
      <List dense>
        {data?.map((staff) => (
          <ListItem
            key={staff.id}
            secondaryAction={
              <Switch
                edge="end"
                checked={staff.onDuty}
                disabled={pending === staff.id || !mayToggle(staff)}
                onChange={() => toggle(staff)}
                slotProps={{ input: { "aria-label": `${translate("tthc.staff.on_duty")}: ${staff.name}` } }}
              />
            }
          >
            <ListItemText
              primary={
                <>
                  {staff.name}{" "}
                  <Chip
                    size="small"
                    color={staff.onDuty ? "success" : "default"}
                    label={translate(staff.onDuty ? "tthc.staff.on_duty" : "tthc.staff.off_duty")}
                  />
                </>
              }
              secondary={[staff.phone, staff.clientIdentity].filter(Boolean).join(" · ") || translate("tthc.staff.no_phone")}
            />
          </ListItem>
        ))}
      </List>
    </Box>
  );
};
