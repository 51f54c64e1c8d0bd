import { ArrayInput, DateInput, maxLength, regex, required, SelectInput, SimpleFormIterator, TextInput, useTranslate } from "react-admin";
import {
  KNOWLEDGE_ANSWER_MAX,
  KNOWLEDGE_LINKS_MAX,
  KNOWLEDGE_TITLE_MAX,
  PROCEDURE_CODE_PATTERN,
  TOPIC_PATTERN,
} from "../../../../server/contract/limits";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { statusChoices } from "./choices";

/** An empty optional field is sent as null (the API refuses "" where a code is expected). */
const orNull = (value: string | null) => (value ? value : null);
const format = (pattern: string) => regex(new RegExp(pattern), "tthc.validation.format");
const httpUrl = regex(/^https?:\/\/\S+$/, "tthc.validation.format");

export const KnowledgeInputs = () => {
  const translate = useTranslate();
  return (
    <>
      <TextInput source="title" validate={[required(), maxLength(KNOWLEDGE_TITLE_MAX)]} fullWidth />
      <TextInput
        source="answer"
        multiline
        minRows={5}
        validate={[required(), maxLength(KNOWLEDGE_ANSWER_MAX)]}
        helperText={translate("tthc.knowledge.answer_help")}
        fullWidth
      />
      <AgencyInput source="agencyId" validate={required()} />
      <SelectInput source="status" choices={statusChoices} validate={required()} />
      <TextInput source="topic" parse={orNull} validate={format(TOPIC_PATTERN)} helperText={translate("tthc.knowledge.topic_help")} />
      <TextInput source="procedureCode" parse={orNull} validate={format(PROCEDURE_CODE_PATTERN)} />
      <TextInput source="procedureName" parse={orNull} validate={maxLength(500)} fullWidth />
      <DateInput source="reviewOn" parse={orNull} />
      <ArrayInput source="links" validate={maxLength(KNOWLEDGE_LINKS_MAX)}>
        <SimpleFormIterator inline disableReordering>
          <TextInput source="label" label="tthc.knowledge.link_label" validate={[required(), maxLength(200)]} />
          <TextInput source="url" label="tthc.knowledge.link_url" validate={[required(), httpUrl]} sx={{ minWidth: 360 }} />
        </SimpleFormIterator>
      </ArrayInput>
    </>
  );
};
