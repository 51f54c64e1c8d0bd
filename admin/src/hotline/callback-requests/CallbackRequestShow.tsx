import { Typography } from "@mui/material";
import {
  ArrayField,
  Datagrid,
  Labeled,
  NumberField,
  ReferenceField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  useRecordContext,
  useTranslate,
} from "react-admin";
import type { CallbackRequest } from "../../../../server/contract/hotline/callbacks";
import { DateTimeField } from "../../common/DateTimeField";
import { outOfReach } from "../../common/OutOfReach";
import { TranslatedChip } from "../../common/TranslatedChip";
import { CreateCaseButton } from "../cases/CreateCaseButton";
import { ClaimButton } from "./ClaimButton";
import { CloseButton } from "./CloseButton";
import { PlaceCallButton } from "./PlaceCallButton";
import { RecordAttemptButton } from "./RecordAttemptButton";
import { StatusChip } from "./StatusChip";

const Actions = () => (
  <TopToolbar>
    <ClaimButton />
    <PlaceCallButton />
    <RecordAttemptButton />
    <CloseButton />
    <CreateCaseFromRequest />
  </TopToolbar>
);

/** The request becomes a case (one case per request: the server refuses a second). */
const CreateCaseFromRequest = () => {
  const record = useRecordContext<CallbackRequest>();
  if (!record) return null;
  return <CreateCaseButton origin={{ callbackRequestId: record.id, callId: record.callId }} label="tthc.cases.create_from_callback" />;
};

const NoAttempts = () => {
  const translate = useTranslate();
  return <Typography color="text.secondary">{translate("tthc.callbacks.no_attempts")}</Typography>;
};

export const CallbackRequestShow = () => (
  <Show actions={<Actions />} {...outOfReach}>
    <SimpleShowLayout>
      <TextField source="phone" />
      <Labeled source="status">
        <StatusChip source="status" />
      </Labeled>
      <DateTimeField source="dueAt" />
      <TextField source="claimedByName" emptyText="—" />
      <ReferenceField source="agencyId" reference="agencies" link="show" />
      <ReferenceField source="callId" reference="calls" link="show" emptyText="—" />
      <DateTimeField source="createdAt" />
      <ArrayField source="attempts" label="tthc.callbacks.attempts">
        <Datagrid bulkActionButtons={false} rowClick={false} empty={<NoAttempts />}>
          <DateTimeField source="createdAt" label="resources.callback-requests.fields.createdAt" />
          <TextField source="userName" label="resources.callback-requests.fields.userName" />
          <TranslatedChip source="outcome" prefix="tthc.callbacks.outcomes" label="resources.callback-requests.fields.outcome" />
          <TranslatedChip source="state" prefix="tthc.callbacks.states" label="resources.callback-requests.fields.state" />
          <NumberField source="durationSeconds" emptyText="—" label="resources.callback-requests.fields.durationSeconds" />
          <ReferenceField source="callId" reference="calls" link="show" emptyText="—" label="resources.callback-requests.fields.callId" />
          <TextField source="note" emptyText="—" label="resources.callback-requests.fields.note" />
        </Datagrid>
      </ArrayField>
    </SimpleShowLayout>
  </Show>
);
