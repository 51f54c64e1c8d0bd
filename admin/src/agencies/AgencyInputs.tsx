import { BooleanInput, required, SelectInput, TextInput } from "react-admin";
import { AgencyInput } from "./AgencyInput";
import { kindChoices } from "./kinds";

/** Fields shared by the create and edit forms; server errors land next to them by source. */
export const AgencyInputs = () => (
  <>
    <TextInput source="code" validate={required()} />
    <TextInput source="name" validate={required()} />
    <SelectInput source="kind" choices={kindChoices} validate={required()} />
    <AgencyInput source="parentId" />
    <TextInput source="phone" type="tel" />
    <BooleanInput source="active" />
  </>
);
