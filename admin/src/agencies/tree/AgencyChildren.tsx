import { Box, Stack, Typography } from "@mui/material";
import {
  BooleanField,
  CreateButton,
  Datagrid,
  NumberField,
  Pagination,
  ReferenceManyField,
  TextField,
  useRecordContext,
  useTranslate,
} from "react-admin";
import type { Agency } from "../../../../server/contract/agencies/tree";
import { TranslatedChip } from "../../common/TranslatedChip";

/** Direct children (parentId = this agency), with a shortcut to add one under it. */
export const AgencyChildren = () => {
  const record = useRecordContext<Agency>();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box component="section" aria-labelledby="agency-children-title" sx={{ p: 2, width: "100%" }}>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="h6" id="agency-children-title">
          {translate("tthc.agencies.children")}
        </Typography>
        <CreateButton resource="agencies" state={{ record: { parentId: record.id, active: true } }} />
      </Stack>
      <ReferenceManyField
        reference="agencies"
        target="parentId"
        sort={{ field: "code", order: "ASC" }}
        perPage={25}
        pagination={<Pagination />}
        empty={<Typography color="text.secondary">{translate("tthc.agencies.no_children")}</Typography>}
      >
        <Datagrid rowClick="show" bulkActionButtons={false}>
          <TextField source="code" />
          <TextField source="name" />
          <TranslatedChip source="kind" prefix="tthc.kinds" />
          <NumberField source="childCount" sortable={false} />
          <BooleanField source="active" sortable={false} />
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
};
