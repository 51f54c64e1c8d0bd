import { Box, Chip, List, ListItem, ListItemText, Switch, Typography } from "@mui/material";
import { useState } from "react";
import { type Identifier, useCanAccess, useGetList, useNotify, useRecordContext, useTranslate } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import { API_URL, httpClient } from "../../dataProvider";

/** "Cán bộ trực": the agency's staff with a quick on/off duty switch (the server decides who may flip it). */
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
  const notify = useNotify();
  const [pending, setPending] = useState<Identifier | null>(null);
  if (!enabled) return null;

  const toggle = async (staff: Staff) => {
    setPending(staff.id);
    try {
      await httpClient(`${API_URL}/staff/${encodeURIComponent(staff.id)}/duty`, {
        method: "PUT",
        body: JSON.stringify({ onDuty: !staff.onDuty }),
      });
      notify("tthc.staff.toggle_success", { type: "success" });
      await refetch();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setPending(null);
    }
  };

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
                disabled={pending === staff.id}
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
