import { BooleanInput, CheckboxGroupInput, email, required, TextInput } from "react-admin";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { roleChoices } from "../../roles";

/** Fields the API accepts on both POST and PUT. */
export const UserInputs = () => (
  <>
    <TextInput source="name" validate={required()} autoComplete="off" />
    <TextInput source="email" type="email" validate={email()} autoComplete="off" />
    <CheckboxGroupInput source="roles" choices={roleChoices} row={false} validate={required()} />
    <AgencyInput source="agencyId" validate={required()} />
    <BooleanInput source="active" />
    <TextInput source="phone" type="tel" autoComplete="off" />
    <TextInput source="clientIdentity" autoComplete="off" />
    <BooleanInput source="onDuty" />
  </>
);
