// Registering a Zalo ZNS template: Zalo's ids, its text with <param> placeholders, and per parameter
// a sample (for previews) and where a campaign takes its value (a contact field or const:<text>).
import { Box, Paper, Stack, Typography } from "@mui/material";
import {
  ArrayInput,
  BooleanInput,
  maxLength,
  ReferenceInput,
  regex,
  required,
  SelectInput,
  SimpleForm,
  SimpleFormIterator,
  TextInput,
  useTranslate,
} from "react-admin";
import { useWatch } from "react-hook-form";
import { fillPreview, samplesOf, type ZnsParamRow } from "./preview";

const ID = [required(), maxLength(40), regex(/^[0-9A-Za-z_-]+$/, "tthc.sms.zns.id_format")];
export const TAG_CHOICES = [
  { id: "1", name: "tthc.sms.zns.tags.1" },
  { id: "2", name: "tthc.sms.zns.tags.2" },
  { id: "3", name: "tthc.sms.zns.tags.3" },
];

const LivePreview = () => {
  const translate = useTranslate();
  const preview: string = useWatch({ name: "preview" }) ?? "";
  const params: ZnsParamRow[] = useWatch({ name: "params" }) ?? [];
  return (
    <Paper variant="outlined" sx={{ p: 2, flex: 1, minWidth: 280 }} data-testid="zns-template-preview">
      <Typography variant="subtitle2" gutterBottom>
        {translate("tthc.sms.zns.sample_preview")}
      </Typography>
      <Typography sx={{ whiteSpace: "pre-wrap" }}>{fillPreview(preview, samplesOf(params))}</Typography>
    </Paper>
  );
};

export const ZnsTemplateForm = () => (
  <SimpleForm warnWhenUnsavedChanges defaultValues={{ tag: "2", active: true, params: [] }}>
    <Stack direction={{ xs: "column", lg: "row" }} spacing={3} sx={{ width: "100%" }}>
      <Box sx={{ flex: 2, minWidth: 0 }}>
        <TextInput source="name" validate={[required(), maxLength(200)]} fullWidth />
        <ReferenceInput source="senderId" reference="sms-senders" filter={{ provider: "esms" }}>
          <SelectInput optionText="brandname" validate={required()} fullWidth />
        </ReferenceInput>
        <Stack direction="row" spacing={2}>
          <TextInput source="oaId" validate={ID} />
          <TextInput source="templateId" validate={ID} />
          <SelectInput source="tag" choices={TAG_CHOICES} validate={required()} />
        </Stack>
        <TextInput
          source="preview"
          validate={[required(), maxLength(2000)]}
          multiline
          minRows={3}
          fullWidth
          helperText="tthc.sms.zns.preview_help"
        />
        <ArrayInput source="params">
          <SimpleFormIterator inline disableReordering>
            <TextInput source="name" validate={[required(), maxLength(64), regex(/^[A-Za-z0-9_]+$/, "tthc.sms.zns.param_format")]} />
            <TextInput source="sample" validate={maxLength(200)} />
            <TextInput source="source" validate={[required(), maxLength(200)]} helperText="tthc.sms.zns.source_help" />
          </SimpleFormIterator>
        </ArrayInput>
        <BooleanInput source="active" />
      </Box>
      <LivePreview />
    </Stack>
  </SimpleForm>
);
