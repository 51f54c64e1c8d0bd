import { Box, Stack } from "@mui/material";
import { BooleanInput, maxLength, required, SimpleForm, TextInput } from "react-admin";
import { useWatch } from "react-hook-form";
import { MAX_BODY_CHARS } from "../../../../server/contract/limits";
import { PreviewPanel } from "./PreviewPanel";

/** The same rule as the server (server/outreach/templates/template.ts): {{ name }} with letters, digits and _. */
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
export const variablesOf = (body: string) => [...new Set(Array.from(body.matchAll(VARIABLE), (match) => match[1] as string))];

const LivePreview = () => {
  const body: string = useWatch({ name: "body" }) ?? "";
  const unaccented: boolean = useWatch({ name: "unaccented" }) ?? false;
  return <PreviewPanel body={body} unaccented={unaccented} variables={variablesOf(body)} />;
};

export const TemplateForm = () => (
  <SimpleForm warnWhenUnsavedChanges defaultValues={{ unaccented: true }}>
    <Stack direction={{ xs: "column", lg: "row" }} spacing={3} sx={{ width: "100%" }}>
      <Box sx={{ flex: 1, minWidth: 0 }}>
        <TextInput source="name" validate={[required(), maxLength(200)]} fullWidth />
        <TextInput source="body" validate={[required(), maxLength(MAX_BODY_CHARS)]} multiline minRows={5} fullWidth />
        <BooleanInput source="unaccented" />
      </Box>
      <LivePreview />
    </Stack>
  </SimpleForm>
);
