import { Create, Edit, SimpleForm } from "react-admin";
import { NoteCategoryInputs } from "./NoteCategoryInputs";

export const NoteCategoryCreate = () => (
  <Create redirect="list">
    <SimpleForm warnWhenUnsavedChanges defaultValues={{ kind: "question", active: true, sortOrder: 100 }}>
      <NoteCategoryInputs />
    </SimpleForm>
  </Create>
);

// Deleting is offered (the toolbar's button); the server refuses it for a category notes use, and says so.
export const NoteCategoryEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <SimpleForm warnWhenUnsavedChanges>
      <NoteCategoryInputs />
    </SimpleForm>
  </Edit>
);
