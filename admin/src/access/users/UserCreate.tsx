import { Create, PasswordInput, required, SimpleForm, TextInput } from "react-admin";
import { validatePassword } from "./password";
import { UserInputs } from "./UserInputs";

export const UserCreate = () => (
  <Create redirect="list">
    <SimpleForm warnWhenUnsavedChanges defaultValues={{ roles: [], active: true }}>
      <TextInput source="username" validate={required()} autoComplete="off" />
      <PasswordInput source="password" validate={validatePassword} autoComplete="new-password" />
      <UserInputs />
    </SimpleForm>
  </Create>
);
