import { Alert, Stack } from "@mui/material";
import {
  DateField,
  EditButton,
  FunctionField,
  Labeled,
  ReferenceArrayField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useCanAccess,
  useRecordContext,
  useTranslate,
} from "react-admin";
import type { ContactDetail } from "../../../../server/contract/outreach/contacts";
import { ConsentChip } from "./ConsentChip";

const Flags = () => {
  const record = useRecordContext<ContactDetail>();
  const translate = useTranslate();
  if (!record || (!record.suppressed && !record.onDnc)) return null;
  return (
    <Stack spacing={1}>
      {record.suppressed && <Alert severity="warning">{translate("tthc.contacts.suppressed")}</Alert>}
      {record.onDnc && <Alert severity="warning">{translate("tthc.contacts.on_dnc")}</Alert>}
    </Stack>
  );
};

const Actions = () => {
  const { canAccess } = useCanAccess({ resource: "contacts", action: "edit" });
  return <TopToolbar>{canAccess && <EditButton />}</TopToolbar>;
};

export const ContactShow = () => {
  const translate = useTranslate();
  return (
    <Show actions={<Actions />}>
      <SimpleShowLayout>
        <Flags />
        <TextField source="phone" />
        <TextField source="name" emptyText="—" />
        <ReferenceField source="agencyId" reference="agencies" emptyText="—" />
        <TextField source="ageGroup" emptyText="—" />
        <FunctionField source="tags" render={(r: { tags: string[] }) => r.tags.join(", ") || "—"} />
        <TextField source="carrier" emptyText="—" />
        <FunctionField
          source="attributes"
          render={(r: { attributes: Record<string, unknown> }) =>
            Object.entries(r.attributes ?? {})
              .map(([k, v]) => `${k}: ${String(v)}`)
              .join(" · ") || "—"
          }
        />
        <ReferenceArrayField source="listIds" reference="contact-lists" />
        <Labeled label={translate("tthc.contacts.evidence")}>
          <SimpleShowLayout sx={{ p: 0 }}>
            <ConsentChip source="consentStatus" />
            <TextField source="consentSource" emptyText="—" />
            <TextField source="consentMethod" emptyText="—" />
            <DateField source="consentAt" showTime emptyText="—" />
          </SimpleShowLayout>
        </Labeled>
        <DateField source="createdAt" showTime />
        <DateField source="updatedAt" showTime />
      </SimpleShowLayout>
    </Show>
  );
};
