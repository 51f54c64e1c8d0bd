// What approvers see: the template and its preview, read-only.
import { Stack } from "@mui/material";
import { BooleanField, Labeled, Show, SimpleShowLayout, TextField, useRecordContext } from "react-admin";
import type { SmsTemplate } from "../../../../server/contract/outreach/templates";
import { DateTimeField } from "../../common/DateTimeField";
import { PreviewPanel } from "./PreviewPanel";
import { variablesOf } from "./TemplateForm";

const RecordPreview = () => {
  const record = useRecordContext<SmsTemplate>();
  if (!record) return null;
  return <PreviewPanel body={record.body} unaccented={record.unaccented} variables={variablesOf(record.body)} />;
};

export const TemplateShow = () => (
  <Show>
    <Stack direction={{ xs: "column", lg: "row" }} spacing={3} sx={{ p: 2 }}>
      <SimpleShowLayout sx={{ flex: 1 }}>
        <TextField source="name" />
        <TextField source="body" sx={{ whiteSpace: "pre-wrap" }} />
        <BooleanField source="unaccented" />
        <Labeled>
          <DateTimeField source="updatedAt" />
        </Labeled>
      </SimpleShowLayout>
      <RecordPreview />
    </Stack>
  </Show>
);
