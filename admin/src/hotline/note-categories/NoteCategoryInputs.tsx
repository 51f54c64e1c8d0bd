import { BooleanInput, maxLength, minValue, NumberInput, regex, required, SelectInput, TextInput, useTranslate } from "react-admin";
import { NOTE_CATEGORY_CODE, NOTE_CATEGORY_NAME_MAX } from "../../../../server/contract/limits";
import { kindChoices } from "./choices";

/** The server's rule for codes, checked here too so the form answers at once. */
const code = regex(new RegExp(NOTE_CATEGORY_CODE), "tthc.validation.format");

export const NoteCategoryInputs = () => {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="code" validate={[required(), code]} helperText={translate("tthc.notes.code_help")} />
      <TextInput source="nameVi" validate={[required(), maxLength(NOTE_CATEGORY_NAME_MAX)]} fullWidth />
      <TextInput source="nameEn" validate={[required(), maxLength(NOTE_CATEGORY_NAME_MAX)]} fullWidth />
      <SelectInput source="kind" choices={kindChoices} validate={required()} />
      <NumberInput source="sortOrder" min={0} step={10} validate={minValue(0)} />
      <BooleanInput source="active" helperText={translate("tthc.notes.deactivate_hint")} />
    </>
  );
};
