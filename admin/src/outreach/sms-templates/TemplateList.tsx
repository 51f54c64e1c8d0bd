import { Chip, Stack } from "@mui/material";
import { BooleanField, Datagrid, FunctionField, List, NullableBooleanInput, TextField, TextInput, useCanAccess } from "react-admin";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";

const filters = [<TextInput key="q" source="q" alwaysOn />, <NullableBooleanInput key="unaccented" source="unaccented" />];

export const TemplateList = () => {
  const { canAccess: canWrite } = useCanAccess({ resource: "sms-templates", action: "edit" });
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: "name", order: "ASC" }}>
      <Datagrid rowClick={canWrite ? "edit" : "show"} bulkActionButtons={false}>
        <TextField source="name" />
        <TextField
          source="body"
          sortable={false}
          sx={{ display: "block", maxWidth: 480, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
        />
        <FunctionField
          source="variables"
          sortable={false}
          render={(record: { variables?: string[] }) => (
            <Stack direction="row" spacing={0.5}>
              {(record.variables ?? []).map((name) => (
                <Chip key={name} size="small" label={name} />
              ))}
            </Stack>
          )}
        />
        <BooleanField source="unaccented" />
        <DateTimeField source="updatedAt" />
      </Datagrid>
    </List>
  );
};
