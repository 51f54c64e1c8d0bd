import {
  BooleanField,
  Datagrid,
  List,
  NullableBooleanInput,
  NumberField,
  SelectInput,
  TextField,
  TextInput,
  useCanAccess,
} from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { TranslatedChip } from "../../common/TranslatedChip";
import { PROVIDER_CHOICES } from "./SenderInputs";

const filters = [
  <TextInput key="q" source="q" alwaysOn />,
  <SelectInput key="provider" source="provider" choices={PROVIDER_CHOICES} />,
  <NullableBooleanInput key="active" source="active" />,
];

export const SenderList = () => {
  const { canAccess: canWrite } = useCanAccess({ resource: "sms-senders", action: "edit" });
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: "brandname", order: "ASC" }}>
      <Datagrid rowClick={canWrite ? "edit" : false} bulkActionButtons={false}>
        <TextField source="brandname" />
        <TranslatedChip source="provider" prefix="tthc.sms.providers" />
        <NumberField source="pricePerSegment" locales="vi-VN" />
        <NumberField source="messagesPerSecond" locales="vi-VN" />
        <BooleanField source="active" />
      </Datagrid>
    </List>
  );
};
