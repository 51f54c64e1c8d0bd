import UploadIcon from "@mui/icons-material/UploadFile";
import {
  ArrayField,
  Button,
  ChipField,
  CreateButton,
  Datagrid,
  ExportButton,
  FunctionField,
  List,
  ReferenceField,
  ReferenceInput,
  SelectInput,
  SingleFieldList,
  TextField,
  TextInput,
  TopToolbar,
  useCanAccess,
} from "react-admin";
import { Link } from "react-router-dom";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { csvExporter } from "../../common/csvExporter";
import { AddToListButton } from "./AddToListButton";
import { ConsentChip, consentChoices } from "./ConsentChip";

// Shown at once: choosing whom to add to a list starts from consent, commune and tag.
const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="consentStatus" source="consentStatus" choices={consentChoices} alwaysOn />,
  <AgencyInput key="agencyId" source="agencyId" alwaysOn />,
  <TextInput key="tag" source="tag" alwaysOn />,
  <ReferenceInput key="listId" source="listId" reference="contact-lists" />,
];

const Actions = () => {
  const { canAccess: imports } = useCanAccess({ resource: "contacts", action: "import" });
  const { canAccess } = useCanAccess({ resource: "contacts", action: "create" });
  return (
    <TopToolbar>
      {imports && (
        <Button component={Link} to="/contacts/import" label="tthc.contacts.import">
          <UploadIcon />
        </Button>
      )}
      {canAccess && <CreateButton />}
      <ExportButton />
    </TopToolbar>
  );
};

// empty={false}: react-admin's empty page has only "Create", and a new installation's first step is an import.
export const ContactList = () => {
  const { canAccess: fillsLists } = useCanAccess({ resource: "contact-lists", action: "edit" });
  return (
    <List exporter={csvExporter} filters={filters} actions={<Actions />} sort={{ field: "id", order: "DESC" }} perPage={50} empty={false}>
      <Datagrid rowClick="show" bulkActionButtons={fillsLists ? <AddToListButton /> : false}>
        <TextField source="phone" />
        <TextField source="name" emptyText="—" />
        <ReferenceField source="agencyId" reference="agencies" link={false} emptyText="—" />
        <TextField source="ageGroup" emptyText="—" />
        <FunctionField
          source="tags"
          sortable={false}
          render={(record: { tags: string[] }) => (
            <ArrayField source="tags" record={{ id: 0, tags: record.tags.map((name) => ({ name })) }}>
              <SingleFieldList linkType={false}>
                <ChipField source="name" size="small" />
              </SingleFieldList>
            </ArrayField>
          )}
        />
        <ConsentChip source="consentStatus" />
      </Datagrid>
    </List>
  );
};
