import ListIcon from "@mui/icons-material/PlaylistAddCheck";
import { Create, Datagrid, DeleteButton, Edit, List, NumberField, SimpleForm, TextField, TextInput } from "react-admin";
import { csvExporter } from "../../common/csvExporter";

const filters = [<TextInput key="q" source="q" alwaysOn />];

const ContactListList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "name", order: "ASC" }}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="name" />
      <TextField source="description" emptyText="—" sortable={false} />
      <NumberField source="memberCount" sortable={false} />
      <DeleteButton mutationMode="pessimistic" />
    </Datagrid>
  </List>
);

const Form = () => (
  <SimpleForm warnWhenUnsavedChanges>
    <TextInput source="name" required fullWidth />
    <TextInput source="description" multiline fullWidth />
  </SimpleForm>
);

export default {
  list: ContactListList,
  create: () => (
    <Create redirect="list">
      <Form />
    </Create>
  ),
  edit: () => (
    <Edit mutationMode="pessimistic">
      <Form />
    </Edit>
  ),
  icon: ListIcon,
  recordRepresentation: "name",
};
