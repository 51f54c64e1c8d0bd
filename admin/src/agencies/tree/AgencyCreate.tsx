import { Create, SimpleForm } from "react-admin";
import { AgencyInputs } from "./AgencyInputs";

export const AgencyCreate = () => (
  <Create redirect="show">
    <SimpleForm defaultValues={{ active: true }}>
      <AgencyInputs />
    </SimpleForm>
  </Create>
);
