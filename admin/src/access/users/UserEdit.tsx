import { DeleteButton, Edit, Labeled, SaveButton, SimpleForm, TextInput, Toolbar, TopToolbar } from "react-admin";
import { DateTimeField } from "../../common/DateTimeField";
import { ResetPasswordButton } from "./ResetPasswordButton";
import { UserInputs } from "./UserInputs";

const Actions = () => (
  <TopToolbar>
    <ResetPasswordButton />
  </TopToolbar>
);

// Deactivate with the "active" switch; the server only deletes accounts with no audit history
// (a mistaken creation) and answers in_use otherwise.
const EditToolbar = () => (
  <Toolbar sx={{ justifyContent: "space-between" }}>
    <SaveButton />
    <DeleteButton mutationMode="pessimistic" />
  </Toolbar>
);

export const UserEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" actions={<Actions />}>
    <SimpleForm warnWhenUnsavedChanges toolbar={<EditToolbar />}>
      <TextInput source="username" readOnly />
      <UserInputs />
      <Labeled>
        <DateTimeField source="lastLoginAt" emptyText="—" />
      </Labeled>
    </SimpleForm>
  </Edit>
);
