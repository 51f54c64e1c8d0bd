import ListIcon from "@mui/icons-material/PlaylistAddCheck";
import {
  Create,
  Datagrid,
  DeleteButton,
  Edit,
  EditButton,
  List,
  NumberField,
  Show,
  SimpleForm,
  SimpleShowLayout,
  TextField,
  TextInput,
  TopToolbar,
} from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { ListMembers } from "./ListMembers";

const filters = [<TextInput key="q" source="q" alwaysOn />];

const ContactListList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "name", order: "ASC" }}>
    <Datagrid rowClick="show" bulkActionButtons={false}>
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

const ContactListShow = () => (
  <Show
    actions={
      <TopToolbar>
        <EditButton />
      </TopToolbar>
    }
  >
    <SimpleShowLayout>
      <TextField source="name" />
      <TextField source="description" emptyText="—" />
      <NumberField source="memberCount" />
      <ListMembers label="tthc.contact_lists.members" />
    </SimpleShowLayout>
  </Show>
);

export default {
  list: ContactListList,
  show: ContactListShow,
  create: () => (
    <Create redirect="show">
      <Form />
    </Create>
  ),
  edit: () => (
    <Edit mutationMode="pessimistic" redirect="show">
      <Form />
    </Edit>
  ),
  icon: ListIcon,
  recordRepresentation: "name",
};
