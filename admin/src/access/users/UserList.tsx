import LockIcon from "@mui/icons-material/Lock";
import LockOpenIcon from "@mui/icons-material/LockOpen";
import {
  BooleanField,
  BulkUpdateButton,
  Datagrid,
  List,
  NullableBooleanInput,
  ReferenceField,
  SearchInput,
  SelectInput,
  TextField,
} from "react-admin";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { roleChoices } from "../../roles";
import { RolesField } from "./RolesField";

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <AgencyInput key="agencyId" source="agencyId" alwaysOn />,
  <SelectInput key="role" source="role" choices={roleChoices} />,
  <NullableBooleanInput key="active" source="active" />,
];

// Accounts are deactivated rather than deleted, so the audit log keeps naming who did what.
// react-admin's default bulk-update wording has an unfilled %{recordRepresentation}, hence our own.
const BulkActions = () => (
  <>
    <BulkUpdateButton
      label="tthc.users.activate"
      confirmTitle="tthc.users.activate_title"
      confirmContent="tthc.users.activate_content"
      data={{ active: true }}
      mutationMode="pessimistic"
      icon={<LockOpenIcon />}
    />
    <BulkUpdateButton
      label="tthc.users.deactivate"
      confirmTitle="tthc.users.deactivate_title"
      confirmContent="tthc.users.deactivate_content"
      data={{ active: false }}
      mutationMode="pessimistic"
      icon={<LockIcon />}
    />
  </>
);

export const UserList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "username", order: "ASC" }} perPage={25}>
    <Datagrid rowClick="edit" bulkActionButtons={<BulkActions />}>
      <TextField source="username" />
      <TextField source="name" />
      <TextField source="email" sortable={false} />
      <RolesField source="roles" sortable={false} />
      <ReferenceField source="agencyId" reference="agencies" link="show" sortable={false} />
      <BooleanField source="active" sortable={false} />
      <DateTimeField source="lastLoginAt" />
      <DateTimeField source="createdAt" />
    </Datagrid>
  </List>
);
