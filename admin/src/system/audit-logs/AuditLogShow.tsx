import { Show, SimpleShowLayout, TextField } from "react-admin";
import { DateTimeField } from "../../common/DateTimeField";
import { TranslatedChip } from "../../common/TranslatedChip";
import { ChangesTable } from "./ChangesTable";

export const AuditLogShow = () => (
  <Show actions={false}>
    <SimpleShowLayout>
      <DateTimeField source="createdAt" />
      <TextField source="actorName" emptyText="—" />
      <TranslatedChip source="action" prefix="tthc.actions" />
      <TranslatedChip source="resource" prefix="tthc.audit_resources" />
      <TextField source="resourceId" emptyText="—" />
      <TextField source="ip" emptyText="—" />
      <ChangesTable label="tthc.audit.changes" />
    </SimpleShowLayout>
  </Show>
);
