import {
  BooleanField,
  Datagrid,
  List,
  NullableBooleanInput,
  NumberField,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextField,
} from "react-admin";
import { BulkDeleteButton } from "../../common/BulkDeleteButton";
import { csvExporter } from "../../common/csvExporter";
import { TranslatedChip } from "../../common/TranslatedChip";
import { AgencyInput } from "./AgencyInput";
import { kindChoices } from "./kinds";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <AgencyInput key="parentId" source="parentId" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <NullableBooleanInput key="active" source="active" />,
];

// Create, edit and delete buttons hide themselves for non-admins (authProvider.canAccess).
export const AgencyList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "code", order: "ASC" }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={<BulkDeleteButton />}>
      <TextField source="code" />
      <TextField source="name" />
      <TranslatedChip source="kind" prefix="tthc.kinds" />
      <ReferenceField source="parentId" reference="agencies" link="show" sortable={false} />
      <TextField source="phone" sortable={false} />
      <BooleanField source="active" sortable={false} />
      <NumberField source="childCount" sortable={false} />
    </Datagrid>
  </List>
);
