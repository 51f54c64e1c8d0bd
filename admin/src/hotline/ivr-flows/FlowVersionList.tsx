import { Datagrid, List, NumberField, TextField, TopToolbar, usePermissions } from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { isAdmin } from "../../roles";
import { ActiveChip } from "./ActiveChip";
import { PublishButton } from "./PublishButton";

const Actions = () => {
  const { permissions } = usePermissions();
  return <TopToolbar>{isAdmin(permissions) && <PublishButton />}</TopToolbar>;
};

export const FlowVersionList = () => (
  <List exporter={csvExporter} sort={{ field: "version", order: "DESC" }} actions={<Actions />} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <NumberField source="version" />
      <ActiveChip source="active" sortable={false} />
      <TextField source="note" sortable={false} emptyText="—" />
      <TextField source="publishedBy" sortable={false} emptyText="—" />
      <DateTimeField source="publishedAt" />
      <NumberField source="callCount" sortable={false} />
    </Datagrid>
  </List>
);
