// Opt-outs: listed for campaign staff, added from the console (the citizen gets one confirmation),
// removed only by administrators.
import BlockIcon from "@mui/icons-material/Block";
import { Alert } from "@mui/material";
import {
  Create,
  Datagrid,
  DateField,
  DeleteButton,
  FunctionField,
  List,
  SelectInput,
  SimpleForm,
  TextField,
  TextInput,
  useCanAccess,
  useTranslate,
} from "react-admin";
import { SUPPRESSION_SOURCES } from "../../../../server/contract/enums";
import { csvExporter } from "../../common/csvExporter";

const sourceChoices = SUPPRESSION_SOURCES.map((id) => ({ id, name: `tthc.suppressions.sources.${id}` }));

const SuppressionList = () => {
  // Lifting an opt-out is the administrators' (suppressions:delete); without it, no column for it.
  const { canAccess: lifts } = useCanAccess({ resource: "suppressions", action: "delete" });
  const translate = useTranslate();
  return (
    <List
      exporter={csvExporter}
      filters={[<TextInput key="q" source="q" alwaysOn />, <SelectInput key="source" source="source" choices={sourceChoices} />]}
      sort={{ field: "receivedAt", order: "DESC" }}
      perPage={50}
    >
      <Datagrid bulkActionButtons={false}>
        <TextField source="phone" sortable={false} />
        <FunctionField
          source="source"
          render={(r: { source: string }) => translate(`tthc.suppressions.sources.${r.source}`, { _: r.source })}
        />
        <TextField source="detail" emptyText="—" sortable={false} />
        <DateField source="receivedAt" showTime />
        {lifts && <DeleteButton mutationMode="pessimistic" />}
      </Datagrid>
    </List>
  );
};

const SuppressionCreate = () => {
  const translate = useTranslate();
  return (
    <Create redirect="list">
      <SimpleForm warnWhenUnsavedChanges>
        <Alert severity="info">{translate("tthc.suppressions.help")}</Alert>
        <TextInput source="phone" required />
        <TextInput source="detail" fullWidth />
      </SimpleForm>
    </Create>
  );
};

export default { list: SuppressionList, create: SuppressionCreate, icon: BlockIcon, recordRepresentation: "phone" };
