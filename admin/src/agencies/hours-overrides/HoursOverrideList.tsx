import {
  Datagrid,
  DeleteButton,
  EditButton,
  FunctionField,
  List,
  NullableBooleanInput,
  ReferenceField,
  TextField,
  TextInput,
  useTranslate,
} from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { AgencyInput } from "../tree/AgencyInput";
import { vietnameseDate } from "./dates";
import { RangesField } from "./RangesField";

const filters = [
  <AgencyInput key="agencyId" source="agencyId" alwaysOn />,
  <TextInput key="from" source="from" type="date" alwaysOn />,
  <TextInput key="to" source="to" type="date" alwaysOn />,
  <NullableBooleanInput key="provinceWide" source="provinceWide" />,
];

const AgencyOrProvince = () => {
  const translate = useTranslate();
  return <ReferenceField source="agencyId" reference="agencies" link="show" emptyText={translate("tthc.hours.province_wide")} />;
};

export const HoursOverrideList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "date", order: "ASC" }} perPage={50}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <FunctionField source="date" render={(record: { date: string }) => vietnameseDate(record.date)} />
      <AgencyOrProvince />
      <RangesField source="ranges" />
      <TextField source="note" emptyText="—" sortable={false} />
      <EditButton />
      <DeleteButton mutationMode="pessimistic" />
    </Datagrid>
  </List>
);
