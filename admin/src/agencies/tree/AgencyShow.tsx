import { Box } from "@mui/material";
import { BooleanField, NumberField, Show, SimpleShowLayout, TextField } from "react-admin";
import { DateTimeField } from "../../common/DateTimeField";
import { outOfReach } from "../../common/OutOfReach";
import { TranslatedChip } from "../../common/TranslatedChip";
import { StaffPresence } from "../staff/StaffPresence";
import { AgencyBreadcrumb } from "./AgencyBreadcrumb";
import { AgencyChildren } from "./AgencyChildren";
import { AgencyRefField } from "./AgencyRefField";

export const AgencyShow = () => (
  <Show {...outOfReach}>
    <Box sx={{ px: 2, pt: 2 }}>
      <AgencyBreadcrumb />
    </Box>
    <SimpleShowLayout>
      <TextField source="code" />
      <TextField source="name" />
      <TranslatedChip source="kind" prefix="tthc.kinds" />
      <AgencyRefField source="parentId" pick={(agency) => agency.ancestors.at(-1)} emptyText="tthc.agencies.no_parent" />
      <TextField source="phone" emptyText="—" />
      <BooleanField source="active" />
      <TextField source="dialCode" emptyText="—" />
      <TranslatedChip source="ringStrategy" prefix="tthc.routing.ring_strategies" />
      <NumberField source="ringTimeoutSeconds" />
      <AgencyRefField source="fallbackId" pick={(agency) => agency.fallback} emptyText="—" />
      <BooleanField source="observeHolidays" />
      <NumberField source="queueMaxLength" />
      <NumberField source="queueMaxWaitSeconds" />
      <BooleanField source="queueWhenNoneAvailable" />
      <NumberField source="wrapUpSeconds" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="updatedAt" />
    </SimpleShowLayout>
    <StaffPresence />
    <AgencyChildren />
  </Show>
);
