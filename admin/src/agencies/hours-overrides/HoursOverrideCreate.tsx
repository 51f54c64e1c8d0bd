import { Create, Edit, SimpleForm } from "react-admin";
import { outOfReach } from "../../common/OutOfReach";
import { OverrideInputs } from "./OverrideInputs";

const transform = (data: Record<string, unknown>) => ({
  ...data,
  agencyId: data.agencyId || null,
  ranges: data.closed ? null : (data.ranges ?? []),
});

export const HoursOverrideCreate = () => (
  <Create redirect="list" transform={transform}>
    <SimpleForm warnWhenUnsavedChanges defaultValues={{ closed: true, agencyId: null, ranges: [] }}>
      <OverrideInputs />
    </SimpleForm>
  </Create>
);

export const HoursOverrideEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={transform} {...outOfReach}>
    <SimpleForm warnWhenUnsavedChanges>
      <OverrideInputs />
    </SimpleForm>
  </Edit>
);
