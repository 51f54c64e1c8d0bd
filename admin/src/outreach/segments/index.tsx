// Segments: saved attribute filters, edited with a live count of the contacts they match now.
import SegmentIcon from "@mui/icons-material/FilterAlt";
import { Alert } from "@mui/material";
import { useEffect, useState } from "react";
import {
  AutocompleteArrayInput,
  Create,
  Datagrid,
  DeleteButton,
  Edit,
  List,
  NumberField,
  ReferenceArrayInput,
  SelectArrayInput,
  SimpleForm,
  TextField,
  TextInput,
  useTranslate,
} from "react-admin";
import { useWatch } from "react-hook-form";
import type { SegmentCount } from "../../../../server/contract/outreach/segments";
import { csvExporter } from "../../common/csvExporter";
import { API_URL, httpClient } from "../../dataProvider";
import { consentChoices } from "../contacts/ConsentChip";

const listFormat = (values?: string[]) => (values ?? []).join(", ");
const listParse = (text: string) => {
  const values = text
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter(Boolean);
  return values.length > 0 ? values : undefined;
};

const LiveCount = () => {
  const translate = useTranslate();
  const filter = useWatch({ name: "filter" }) ?? {};
  const key = JSON.stringify(filter);
  const [count, setCount] = useState<number>();
  useEffect(() => {
    const timer = setTimeout(() => {
      httpClient(`${API_URL}/segments/count`, { method: "POST", body: JSON.stringify({ filter: JSON.parse(key) }) })
        .then(({ json }) => setCount((json as SegmentCount).count))
        .catch(() => setCount(undefined));
    }, 300);
    return () => clearTimeout(timer);
  }, [key]);
  return (
    <Alert severity="info">
      {translate("tthc.segments.live_count", { count: count === undefined ? "…" : count.toLocaleString("vi-VN") })}
    </Alert>
  );
};

const agencyText = (agency: { name: string; code: string }) => `${agency.name} (${agency.code})`;

const Form = () => {
  const translate = useTranslate();
  return (
    <SimpleForm warnWhenUnsavedChanges>
      <TextInput source="name" required fullWidth />
      <ReferenceArrayInput source="filter.agencyIds" reference="agencies">
        <AutocompleteArrayInput optionText={agencyText} filterToQuery={(q: string) => ({ q })} fullWidth />
      </ReferenceArrayInput>
      <TextInput source="filter.ageGroups" format={listFormat} parse={listParse} fullWidth />
      <TextInput source="filter.tags" format={listFormat} parse={listParse} helperText={translate("tthc.segments.any_tag")} fullWidth />
      <SelectArrayInput source="filter.consent" choices={consentChoices} />
      <LiveCount />
    </SimpleForm>
  );
};

const SegmentList = () => (
  <List exporter={csvExporter} filters={[<TextInput key="q" source="q" alwaysOn />]} sort={{ field: "name", order: "ASC" }}>
    <Datagrid rowClick="edit" bulkActionButtons={false}>
      <TextField source="name" />
      <NumberField source="memberCount" sortable={false} />
      <DeleteButton mutationMode="pessimistic" />
    </Datagrid>
  </List>
);

export default {
  list: SegmentList,
  create: () => (
    <Create redirect="list">
      <Form />
    </Create>
  ),
  edit: () => (
    <Edit mutationMode="pessimistic">
      <Form />
    </Edit>
  ),
  icon: SegmentIcon,
  recordRepresentation: "name",
};
