import { AutocompleteInput, Datagrid, List, ReferenceInput, SelectInput, TextField } from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { TranslatedChip } from "../../common/TranslatedChip";
import { actionChoices, resourceChoices } from "./choices";

const filters = [
  <SelectInput key="resource" source="resource" choices={resourceChoices} alwaysOn />,
  <SelectInput key="action" source="action" choices={actionChoices} alwaysOn />,
  <ReferenceInput key="actorId" source="actorId" reference="users" sort={{ field: "name", order: "ASC" }}>
    <AutocompleteInput filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
];

export const AuditLogList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "createdAt", order: "DESC" }} perPage={50}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DateTimeField source="createdAt" />
      <TextField source="actorName" sortable={false} emptyText="—" />
      <TranslatedChip source="action" prefix="tthc.actions" sortable={false} />
      <TranslatedChip source="resource" prefix="tthc.audit_resources" sortable={false} />
      <TextField source="resourceId" sortable={false} emptyText="—" />
      <TextField source="ip" sortable={false} emptyText="—" />
    </Datagrid>
  </List>
);
