import { Alert } from "@mui/material";
import { Datagrid, List, NumberField, useTranslate } from "react-admin";
import { TranslatedChip } from "../../common/TranslatedChip";

const Help = () => {
  const translate = useTranslate();
  return (
    <Alert severity="info" sx={{ mb: 1 }}>
      {translate("tthc.cases.service_levels_help")}
    </Alert>
  );
};

/** One row per kind of case (seeded): administrators edit the days. */
export const ServiceLevelList = () => (
  <>
    <Help />
    <List exporter={false} pagination={false} actions={false} sort={{ field: "id", order: "ASC" }}>
      <Datagrid rowClick="edit" bulkActionButtons={false}>
        <TranslatedChip source="id" prefix="tthc.cases.kinds" sortable={false} />
        <NumberField source="workingDays" sortable={false} />
        <NumberField source="escalateAfterDays" sortable={false} />
      </Datagrid>
    </List>
  </>
);
