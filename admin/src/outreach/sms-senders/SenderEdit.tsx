import { Create, Edit, SimpleForm } from "react-admin";
import { SenderBalance } from "./SenderBalance";
import { SenderInputs } from "./SenderInputs";

export const SenderCreate = () => (
  <Create redirect="list">
    <SimpleForm
      warnWhenUnsavedChanges
      defaultValues={{ provider: "sink", pricePerSegment: 0, messagesPerSecond: 10, settings: {}, active: true }}
    >
      <SenderInputs />
    </SimpleForm>
  </Create>
);

export const SenderEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm warnWhenUnsavedChanges>
      <SenderBalance />
      <SenderInputs />
    </SimpleForm>
  </Edit>
);
