import { Box } from "@mui/material";
import { BooleanField, ReferenceField, Show, SimpleShowLayout, TextField } from "react-admin";
import { DateTimeField } from "../common/DateTimeField";
import { TranslatedChip } from "../common/TranslatedChip";
import { AgencyBreadcrumb } from "./AgencyBreadcrumb";
import { AgencyChildren } from "./AgencyChildren";

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
      <DateTimeField source="createdAt" />
      <DateTimeField source="updatedAt" />
    </SimpleShowLayout>
    <AgencyChildren />
  </Show>
);
