import { Create, Edit, SimpleForm } from "react-admin";
import { KnowledgeInputs } from "./KnowledgeInputs";

export const KnowledgeCreate = () => (
  <Create redirect="show">
    <SimpleForm warnWhenUnsavedChanges defaultValues={{ status: "published", links: [] }}>
      <KnowledgeInputs />
    </SimpleForm>
  </Create>
);

// The server refuses (403) an article of an agency outside a supervisor's subtree, and says so.
export const KnowledgeEdit = () => (
  <Edit mutationMode="pessimistic" redirect="show">
    <SimpleForm warnWhenUnsavedChanges>
      <KnowledgeInputs />
    </SimpleForm>
  </Edit>
);
