// The knowledge base: search box first (ranked, accents optional), then the most used articles first;
// an article past its review day is flagged "Cần rà soát".
import {
  BooleanInput,
  CreateButton,
  Datagrid,
  DateField,
  List,
  NumberField,
  SelectInput,
  TextField,
  TextInput,
  TopToolbar,
  useCanAccess,
} from "react-admin";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { TranslatedChip } from "../../common/TranslatedChip";
import { statusChoices } from "./choices";
import { ExportCsvButton, ImportButton } from "./ImportExport";
import { StaleChip } from "./StaleChip";

const filters = [
  <TextInput key="q" source="q" alwaysOn sx={{ minWidth: 320 }} />,
  <TextInput key="topic" source="topic" />,
  <AgencyInput key="agencyId" source="agencyId" />,
  <SelectInput key="status" source="status" choices={statusChoices} />,
  <BooleanInput key="stale" source="stale" label="tthc.knowledge.stale_filter" defaultValue />,
];

const Actions = () => {
  const { canAccess: writes } = useCanAccess({ resource: "knowledge-articles", action: "create" });
  return (
    <TopToolbar>
      {writes && <CreateButton />}
      {writes && <ImportButton />}
      {writes && <ExportCsvButton />}
    </TopToolbar>
  );
};

export const KnowledgeList = () => (
  <List exporter={false} filters={filters} actions={<Actions />} sort={{ field: "useCount", order: "DESC" }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
      <TextField source="title" />
      <TextField source="agencyName" sortable={false} />
      <TextField source="procedureCode" emptyText="—" />
      <TextField source="topic" emptyText="—" />
      <TranslatedChip source="status" prefix="tthc.knowledge.statuses" />
      <NumberField source="useCount" />
      <DateField source="reviewOn" locales="vi-VN" emptyText="—" />
      <StaleChip label="resources.knowledge-articles.fields.stale" />
    </Datagrid>
  </List>
);
