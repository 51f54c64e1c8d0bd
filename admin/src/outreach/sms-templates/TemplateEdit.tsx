import { Create, Edit } from "react-admin";
import { TemplateForm } from "./TemplateForm";

export const TemplateCreate = () => (
  <Create redirect="list">
    <TemplateForm />
  </Create>
);

export const TemplateEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list">
    <TemplateForm />
  </Edit>
);
