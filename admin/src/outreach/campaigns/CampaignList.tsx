import { CreateButton, Datagrid, List, SelectInput, TextField, TopToolbar } from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { ProgressMini } from "./ProgressMini";
import { StatusChip } from "./StatusChip";
import { statusChoices } from "./types";

const filters = [<SelectInput key="status" source="status" choices={statusChoices} alwaysOn />];

// CreateButton hides itself for users who may not create (approvers), through canAccess.
const Actions = () => (
  <TopToolbar>
    <CreateButton />
  </TopToolbar>
);

export const CampaignList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "createdAt", order: "DESC" }} perPage={25} actions={<Actions />}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="name" />
      <StatusChip source="status" sortable={false} />
      <ProgressMini source="counts" sortable={false} />
      <TextField source="createdByName" sortable={false} emptyText="—" />
      <DateTimeField source="scheduledAt" emptyText="—" />
      <DateTimeField source="createdAt" />
    </Datagrid>
  </List>
);
