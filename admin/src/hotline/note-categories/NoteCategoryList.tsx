import { BooleanField, Datagrid, List, NullableBooleanInput, NumberField, SelectInput, TextField, TextInput } from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { TranslatedChip } from "../../common/TranslatedChip";
import { kindChoices } from "./choices";

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <NullableBooleanInput key="active" source="active" />,
];

export const NoteCategoryList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "sortOrder", order: "ASC" }} perPage={50}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <NumberField source="sortOrder" />
      <TextField source="code" />
      <TextField source="nameVi" />
      <TextField source="nameEn" />
      <TranslatedChip source="kind" prefix="tthc.notes.kinds" />
      <BooleanField source="active" />
    </Datagrid>
  </List>
);
