import {
  BooleanField,
  Datagrid,
  List,
  NullableBooleanInput,
  NumberField,
  SelectInput,
  TextField,
  TextInput,
  usePermissions,
} from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { TranslatedChip } from "../../common/TranslatedChip";
import { isAdmin } from "../../roles";
import { PROVIDER_CHOICES } from "./SenderInputs";

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="provider" source="provider" choices={PROVIDER_CHOICES} />,
  <NullableBooleanInput key="active" source="active" />,
];

export const SenderList = () => {
  const { permissions } = usePermissions();
  const admin = isAdmin(permissions);
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: "brandname", order: "ASC" }}>
      <Datagrid rowClick={admin ? "edit" : false} bulkActionButtons={false}>
        <TextField source="brandname" />
        <TranslatedChip source="provider" prefix="tthc.sms.providers" />
        <NumberField source="pricePerSegment" locales="vi-VN" />
        <NumberField source="messagesPerSecond" locales="vi-VN" />
        <BooleanField source="active" />
      </Datagrid>
    </List>
  );
};
