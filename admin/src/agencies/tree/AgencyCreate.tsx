import { Create, SimpleForm } from "react-admin";
import { AgencyInputs } from "./AgencyInputs";

export const AgencyCreate = () => (
  <Create redirect="show">
    <SimpleForm warnWhenUnsavedChanges defaultValues={{ active: true }}>
      <AgencyInputs />
    </SimpleForm>
  </Create>
);
