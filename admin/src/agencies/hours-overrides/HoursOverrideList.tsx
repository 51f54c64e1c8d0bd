import {
  Datagrid,
  DeleteButton,
  EditButton,
  FunctionField,
  List,
  NullableBooleanInput,
  type RaRecord,
  ReferenceField,
  TextField,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { useRoles } from "../../access/useRoles";
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

/** Province-wide overrides are the administrators' alone (server/agencies/hours/overrides-routes.ts). */
const useMayWrite = () => {
  const { roles } = useRoles();
  return (record: RaRecord | undefined) => record?.agencyId != null || roles.includes("admin");
};

const WriteButtons = () => {
  const record = useRecordContext();
  if (!useMayWrite()(record)) return null;
  return (
    <>
      <EditButton />
      <DeleteButton mutationMode="pessimistic" />
    </>
  );
};

export const HoursOverrideList = () => {
  const mayWrite = useMayWrite();
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: "date", order: "ASC" }} perPage={50}>
      <Datagrid rowClick={(_id, _resource, record) => (mayWrite(record) ? "edit" : false)} bulkActionButtons={false}>
        <FunctionField source="date" render={(record: { date: string }) => vietnameseDate(record.date)} />
        <AgencyOrProvince />
        <RangesField source="ranges" />
        <TextField source="note" emptyText="—" sortable={false} />
        <WriteButtons />
      </Datagrid>
    </List>
  );
};
