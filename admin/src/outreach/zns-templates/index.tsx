// Zalo ZNS templates the province's OA registered (through eSMS): managers register them, campaign staff read them.
import ZnsIcon from "@mui/icons-material/MarkChatRead";
import {
  BooleanField,
  Create,
  Datagrid,
  Edit,
  FunctionField,
  List,
  NullableBooleanInput,
  ReferenceField,
  SelectField,
  Show,
  SimpleShowLayout,
  TextField,
  useCanAccess,
} from "react-admin";
import type { ZnsTemplate } from "../../../../server/contract/outreach/zns-templates";
import { DateTimeField } from "../../common/DateTimeField";
import { TAG_CHOICES, ZnsTemplateForm } from "./ZnsTemplateForm";

const filters = [<NullableBooleanInput key="active" source="active" alwaysOn />];
const paramsText = (record: ZnsTemplate) => record.params.map((p) => `${p.name} ← ${p.source}`).join(", ");

const ZnsTemplateList = () => {
  const { canAccess: canWrite } = useCanAccess({ resource: "zns-templates", action: "edit" });
  return (
    <List exporter={false} filters={filters} sort={{ field: "name", order: "ASC" }}>
      <Datagrid rowClick={canWrite ? "edit" : "show"} bulkActionButtons={false}>
        <TextField source="name" />
        <TextField source="templateId" />
        <TextField source="oaId" sortable={false} />
        <FunctionField source="params" sortable={false} render={paramsText} />
        <SelectField source="tag" choices={TAG_CHOICES} />
        <BooleanField source="active" />
        <DateTimeField source="updatedAt" />
      </Datagrid>
    </List>
  );
};

const ZnsTemplateShow = () => (
  <Show>
    <SimpleShowLayout>
      <TextField source="name" />
      <ReferenceField source="senderId" reference="sms-senders" link={false}>
        <TextField source="brandname" />
      </ReferenceField>
      <TextField source="oaId" />
      <TextField source="templateId" />
      <SelectField source="tag" choices={TAG_CHOICES} />
      <FunctionField source="params" render={paramsText} />
      <TextField source="preview" sx={{ whiteSpace: "pre-wrap" }} />
      <TextField source="samplePreview" sx={{ whiteSpace: "pre-wrap" }} />
      <BooleanField source="active" />
      <DateTimeField source="updatedAt" />
    </SimpleShowLayout>
  </Show>
);

/** The API takes only the template's own fields (additionalProperties: false). */
const writable = ({ name, senderId, oaId, templateId, params, preview, tag, active }: Record<string, unknown>) => ({
  name,
  senderId,
  oaId,
  templateId,
  params: ((params as { name: string; sample?: string; source: string }[]) ?? []).map((p) => ({
    name: p.name,
    sample: p.sample ?? "",
    source: p.source,
  })),
  preview,
  tag,
  active,
});

const ZnsTemplateCreate = () => (
  <Create redirect="list" transform={writable}>
    <ZnsTemplateForm />
  </Create>
);
const ZnsTemplateEdit = () => (
  <Edit mutationMode="pessimistic" redirect="list" transform={writable}>
    <ZnsTemplateForm />
  </Edit>
);

export default {
  list: ZnsTemplateList,
  show: ZnsTemplateShow,
  edit: ZnsTemplateEdit,
  create: ZnsTemplateCreate,
  icon: ZnsIcon,
  recordRepresentation: "name",
};
