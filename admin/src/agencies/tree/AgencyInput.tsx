import { AutocompleteInput, type RaRecord, ReferenceInput, type Validator } from "react-admin";

const filterToQuery = (q: string) => ({ q });
const optionText = (agency: RaRecord) => `${agency.name} (${agency.code})`;

interface AgencyInputProps {
  source: string;
  label?: string;
  validate?: Validator | Validator[];
  alwaysOn?: boolean;
  readOnly?: boolean;
}

/** Pick an agency by typing part of its name or code (server-side `q` search). */
export const AgencyInput = ({ source, label, validate, readOnly }: AgencyInputProps) => (
  <ReferenceInput source={source} reference="agencies" sort={{ field: "name", order: "ASC" }}>
    <AutocompleteInput label={label} filterToQuery={filterToQuery} optionText={optionText} validate={validate} readOnly={readOnly} />
  </ReferenceInput>
);
