import { Typography } from "@mui/material";
import { Create, Edit, SelectInput, SimpleForm, TextInput, useTranslate } from "react-admin";
import { useWatch } from "react-hook-form";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { DateTimeTextInput } from "../../common/dates/inputs";
import { consentChoices } from "./ConsentChip";

const tagsFormat = (tags?: string[]) => (tags ?? []).join(", ");
const tagsParse = (text: string) =>
  text
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter(Boolean);

const ConsentInputs = () => {
  const translate = useTranslate();
  const status = useWatch({ name: "consentStatus" });
  return (
    <>
      <Typography variant="subtitle2">{translate("tthc.contacts.evidence")}</Typography>
      <SelectInput source="consentStatus" choices={consentChoices} />
      {status === "granted" && <Typography variant="caption">{translate("tthc.contacts.evidence_help")}</Typography>}
      <TextInput source="consentSource" fullWidth />
      <TextInput source="consentMethod" fullWidth />
      <DateTimeTextInput source="consentAt" />
    </>
  );
};

const Fields = () => (
  <>
    <TextInput source="name" fullWidth />
    <AgencyInput source="agencyId" />
    <TextInput source="ageGroup" />
    <TextInput source="tags" format={tagsFormat} parse={tagsParse} fullWidth />
    <ConsentInputs />
  </>
);

export const ContactEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm warnWhenUnsavedChanges>
      <TextInput source="phone" disabled />
      <Fields />
    </SimpleForm>
  </Edit>
);

export const ContactCreate = () => (
  <Create redirect="show">
    <SimpleForm warnWhenUnsavedChanges defaultValues={{ consentStatus: "unknown", tags: [] }}>
      <TextInput source="phone" required />
      <Fields />
    </SimpleForm>
  </Create>
);
