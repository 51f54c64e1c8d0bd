import { Datagrid, List, NumberField, TextField, TopToolbar, useCanAccess } from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { ActiveChip } from "./ActiveChip";
import { PublishButton } from "./PublishButton";

const Actions = () => {
  const { canAccess } = useCanAccess({ resource: "ivr-flow-versions", action: "publish" });
  return <TopToolbar>{canAccess && <PublishButton />}</TopToolbar>;
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
