import { Datagrid, List, NullableBooleanInput, NumberField, ReferenceField, SelectInput, TextField } from "react-admin";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { ClaimButton } from "./ClaimButton";
import { statusChoices } from "./choices";
import { RecordAttemptButton } from "./RecordAttemptButton";
import { StatusChip } from "./StatusChip";

const filters = [
  <SelectInput key="status" source="status" choices={statusChoices} alwaysOn />,
  <AgencyInput key="agencyId" source="agencyId" alwaysOn />,
  // Open and past due: where the supervisor's home card "overdue" leads.
  <NullableBooleanInput key="overdue" source="overdue" label="tthc.home.overdue" />,
  // "Mine": the requests I claimed (the desk's "Cuộc gọi lại của tôi").
  <NullableBooleanInput key="mine" source="mine" label="tthc.callbacks.mine" />,
];

// In line first: the default order is the place in line (a callback chosen while waiting in a queue
// keeps the time its caller joined it), showing open requests.
export const CallbackRequestList = () => (
  <List
    exporter={csvExporter}
    filters={filters}
    filterDefaultValues={{ status: "open" }}
    sort={{ field: "placedAt", order: "ASC" }}
    perPage={25}
  >
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <DateTimeField source="dueAt" />
      <StatusChip source="status" />
      <TextField source="phone" sortable={false} />
      <ReferenceField source="agencyId" reference="agencies" link="show" />
      <NumberField source="attemptCount" sortable={false} />
      <DateTimeField source="lastAttemptAt" emptyText="—" sortable={false} />
      <TextField source="claimedByName" emptyText="—" sortable={false} />
      <DateTimeField source="createdAt" />
      <ClaimButton />
      <RecordAttemptButton />
    </Datagrid>
  </List>
);
