import { Box } from "@mui/material";
import { BooleanField, NumberField, ReferenceField, Show, SimpleShowLayout, TextField } from "react-admin";
import { DateTimeField } from "../../common/DateTimeField";
import { TranslatedChip } from "../../common/TranslatedChip";
import { AgencyBreadcrumb } from "./AgencyBreadcrumb";
import { AgencyChildren } from "./AgencyChildren";
import { StaffOnDuty } from "./StaffOnDuty";

export const AgencyShow = () => (
  <Show>
    <Box sx={{ px: 2, pt: 2 }}>
      <AgencyBreadcrumb />
    </Box>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <TranslatedChip source="kind" prefix="tthc.kinds" />
      <ReferenceField source="parentId" reference="agencies" link="show" emptyText="tthc.agencies.no_parent" />
      <TextField source="phone" emptyText="—" />
      <BooleanField source="active" />
      <TextField source="dialCode" emptyText="—" />
      <TranslatedChip source="ringStrategy" prefix="tthc.routing.ring_strategies" />
      <NumberField source="ringTimeoutSeconds" />
      <ReferenceField source="fallbackId" reference="agencies" link="show" emptyText="—" />
      <BooleanField source="observeHolidays" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="updatedAt" />
    </SimpleShowLayout>
    <StaffOnDuty />
    <AgencyChildren />
  </Show>
);
