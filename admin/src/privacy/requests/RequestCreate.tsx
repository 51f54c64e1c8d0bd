import { Create, DateTimeInput, required, SelectInput, SimpleForm, TextInput, useNotify, useRedirect } from "react-admin";
import type { PrivacyRequest } from "../../../../server/contract/privacy/requests";
import { channelChoices, kindChoices } from "./choices";

export const RequestCreate = () => {
  const notify = useNotify();
  const redirect = useRedirect();
  return (
    <Create
      mutationOptions={{
        onSuccess: (data: PrivacyRequest) => {
          notify("tthc.privacy.created", { messageArgs: { reference: data.reference } });
          redirect("show", "privacy-requests", data.id);
        },
      }}
    >
      <SimpleForm>
        <TextInput source="phone" validate={required()} />
        <TextInput source="requesterName" validate={required()} />
        <TextInput source="identityCheck" validate={required()} multiline fullWidth />
        <SelectInput source="kind" choices={kindChoices} validate={required()} />
        <SelectInput source="channel" choices={channelChoices} validate={required()} />
        <DateTimeInput source="receivedAt" />
      </SimpleForm>
    </Create>
  );
};
