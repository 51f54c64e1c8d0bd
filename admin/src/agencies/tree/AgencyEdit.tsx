import { Box } from "@mui/material";
import { DeleteButton, Edit, SaveButton, TabbedForm, Toolbar, useCanAccess } from "react-admin";
import { outOfReach } from "../../common/OutOfReach";
import { AgencyBreadcrumb } from "./AgencyBreadcrumb";
import { AgencyChildren } from "./AgencyChildren";
import { AgencyInputs } from "./AgencyInputs";
import { AgencyOverrides } from "./AgencyOverrides";
import { CalendarPreview } from "./CalendarPreview";
import { RoutingInputs } from "./RoutingInputs";
import { WeeklyHoursInput } from "./WeeklyHoursInput";
import { weekAsObject } from "./weekly-hours";

// Pessimistic, so the server's field errors (taken, parent_cycle, in_use, hours) show before leaving.
const EditToolbar = () => (
  <Toolbar sx={{ justifyContent: "space-between" }}>
    <SaveButton />
    <DeleteButton mutationMode="pessimistic" />
  </Toolbar>
);

const transform = (data: Record<string, unknown>) => ({ ...data, weeklyHours: weekAsObject(data.weeklyHours) });

// Supervisors reach this form for their own subtree: they change routing and hours, the server
// refuses changes to the general fields without agencies:manage, so they are read-only for them.
export const AgencyEdit = () => {
  const { canAccess: manages } = useCanAccess({ resource: "agencies", action: "manage" });
  return (
    <Edit mutationMode="pessimistic" redirect={false} transform={transform} {...outOfReach}>
      <Box sx={{ px: 2, pt: 2 }}>
        <AgencyBreadcrumb />
      </Box>
      <TabbedForm warnWhenUnsavedChanges toolbar={<EditToolbar />}>
        <TabbedForm.Tab label="tthc.routing.tab_general">
          <AgencyInputs readOnly={!manages} />
        </TabbedForm.Tab>
        <TabbedForm.Tab label="tthc.routing.tab_routing" path="routing">
          <RoutingInputs />
        </TabbedForm.Tab>
        <TabbedForm.Tab label="tthc.routing.tab_hours" path="hours">
          <WeeklyHoursInput />
          <AgencyOverrides />
          <CalendarPreview />
        </TabbedForm.Tab>
      </TabbedForm>
      <AgencyChildren />
    </Edit>
  );
};
