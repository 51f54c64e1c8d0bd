import {
  Datagrid,
  DeleteButton,
  EditButton,
  FunctionField,
  List,
  NullableBooleanInput,
  ReferenceField,
  TextField,
  useTranslate,
} from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { DateTextInput } from "../../common/dates/inputs";
import { AgencyInput } from "../tree/AgencyInput";
import { vietnameseDate } from "./dates";
import { RangesField } from "./RangesField";

const filters = [
  <AgencyInput key="agencyId" source="agencyId" alwaysOn />,
  <DateTextInput key="from" source="from" alwaysOn />,
  <DateTextInput key="to" source="to" alwaysOn />,
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
