import { AutocompleteInput, BooleanInput, Datagrid, List, ReferenceInput, SelectInput, TextField } from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { DateTextInput } from "../../common/dates/inputs";
import { TranslatedChip } from "../../common/TranslatedChip";
import { actionChoices, resourceChoices } from "./choices";

// Who, when (Vietnam days, both included) and what; everyday sign-ins and sign-outs hidden unless
// asked for, failed sign-ins always shown.
const filters = [
  <DateTextInput key="from" source="from" label="tthc.forms.from_day" alwaysOn />,
  <DateTextInput key="to" source="to" label="tthc.forms.to_day" alwaysOn />,
  <SelectInput key="resource" source="resource" choices={resourceChoices} alwaysOn />,
  <SelectInput key="action" source="action" choices={actionChoices} alwaysOn />,
  <ReferenceInput key="actorId" source="actorId" reference="users" sort={{ field: "name", order: "ASC" }} alwaysOn>
    <AutocompleteInput filterToQuery={(q: string) => ({ q })} />
  </ReferenceInput>,
  <BooleanInput key="hideLogins" source="hideLogins" label="tthc.forms.hide_logins" alwaysOn />,
];

export const AuditLogList = () => (
  <List
    exporter={csvExporter}
    filters={filters}
    filterDefaultValues={{ hideLogins: true }}
    sort={{ field: "createdAt", order: "DESC" }}
    perPage={50}
  >
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
