import { BooleanInput, required, SelectInput, TextInput } from "react-admin";
import { AgencyInput } from "./AgencyInput";
import { kindChoices } from "./kinds";

/** Fields shared by the create and edit forms; server errors land next to them by source. */
export const AgencyInputs = ({ readOnly = false }: { readOnly?: boolean }) => (
  <>
    <TextInput source="code" validate={required()} readOnly={readOnly} />
    <TextInput source="name" validate={required()} readOnly={readOnly} />
    <SelectInput source="kind" choices={kindChoices} validate={required()} readOnly={readOnly} />
    <AgencyInput source="parentId" readOnly={readOnly} />
    <TextInput source="phone" type="tel" readOnly={readOnly} />
    <BooleanInput source="active" readOnly={readOnly} />
  </>
);
