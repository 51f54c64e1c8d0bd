import { Chip } from "@mui/material";
import { Datagrid, List, SearchInput, SelectInput, TextField, useTranslate } from "react-admin";
import type { PrivacyRequest } from "../../../../server/contract/privacy/requests";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { TranslatedChip } from "../../common/TranslatedChip";
import { kindChoices, stateChoices } from "./choices";
import { PendingDeadlineField, RequestStateChip } from "./fields";

/** An on/off filter: added from the filter button it applies its defaultValue and shows as a chip. */
const QuickFilter = ({ label }: { label: string; source: string; defaultValue: unknown }) => {
  const translate = useTranslate();
  return <Chip sx={{ mb: 1 }} color="primary" label={translate(label)} />;
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="state" source="state" choices={stateChoices} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <QuickFilter key="overdue" source="overdue" defaultValue={true} label="tthc.privacy.only_overdue" />,
  <QuickFilter key="dueSoon" source="dueSoon" defaultValue={true} label="tthc.privacy.only_due_soon" />,
];

/** An overdue request stands out: its row tinted red, its deadline red with "Quá hạn". */
const rowSx = (record: PrivacyRequest) => (record.overdue ? { backgroundColor: "rgba(211, 47, 47, 0.08)" } : {});

export const RequestList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "receivedAt", order: "DESC" }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false} rowSx={rowSx}>
      <TextField source="reference" />
      <DateTimeField source="receivedAt" />
      <TranslatedChip source="kind" prefix="tthc.privacy.kinds" />
      <RequestStateChip source="state" />
      <TextField source="requesterName" sortable={false} />
      <TextField source="phone" sortable={false} emptyText="—" />
      <TextField source="handlerName" sortable={false} emptyText="—" />
      <PendingDeadlineField source="completeBy" label="resources.privacy-requests.fields.completeBy" />
    </Datagrid>
  </List>
);
