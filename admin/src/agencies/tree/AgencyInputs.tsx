import { BooleanInput, regex, required, SelectInput, TextInput } from "react-admin";
import { AGENCY_CODE_PATTERN } from "../../../../server/contract/limits";
import { AgencyInput } from "./AgencyInput";
import { kindChoices } from "./kinds";

const codeFormat = regex(new RegExp(AGENCY_CODE_PATTERN), "tthc.validation.agency_code_format");

/** Communes and wards belong under the province (the server refuses them without a parent too). */
const parentForCommunes = (value: unknown, values: { kind?: string }) =>
  (values.kind === "commune" || values.kind === "ward") && (value === null || value === undefined || value === "")
    ? "tthc.validation.parent_required"
    : undefined;

/** Fields shared by the create and edit forms; server errors land next to them by source. */
export const AgencyInputs = ({ readOnly = false }: { readOnly?: boolean }) => (
  <>
    <TextInput source="code" validate={[required(), codeFormat]} readOnly={readOnly} />
    <TextInput source="name" validate={required()} readOnly={readOnly} />
    <SelectInput source="kind" choices={kindChoices} validate={required()} readOnly={readOnly} />
    <AgencyInput source="parentId" validate={parentForCommunes} readOnly={readOnly} />
    <TextInput source="phone" type="tel" readOnly={readOnly} />
    <BooleanInput source="active" readOnly={readOnly} />
  </>
);
