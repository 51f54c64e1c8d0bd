import { Box, Stack, Typography } from "@mui/material";
import {
  CreateButton,
  Datagrid,
  DeleteButton,
  FunctionField,
  Pagination,
  ReferenceManyField,
  TextField,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { vietnameseDate } from "../hours-overrides/dates";
import { RangesField } from "../hours-overrides/RangesField";

/** The agency's own dated overrides, with add and delete; province-wide ones live in their own menu. */
export const AgencyOverrides = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  if (!record) return null;
  return (
    <Box component="section" aria-labelledby="agency-overrides-title" sx={{ width: "100%", mt: 2 }}>
      <Stack direction="row" sx={{ alignItems: "center", justifyContent: "space-between" }}>
        <Typography variant="h6" id="agency-overrides-title">
          {translate("tthc.hours.overrides")}
        </Typography>
        <CreateButton
          resource="hours-overrides"
          label="tthc.hours.add_override"
          state={{ record: { agencyId: record.id, closed: true, ranges: [] } }}
        />
      </Stack>
      <ReferenceManyField
        reference="hours-overrides"
        target="agencyId"
        sort={{ field: "date", order: "ASC" }}
        perPage={25}
        pagination={<Pagination />}
        empty={<Typography color="text.secondary">{translate("tthc.hours.no_overrides")}</Typography>}
      >
        <Datagrid bulkActionButtons={false} rowClick={false}>
          <FunctionField
            source="date"
            label="resources.hours-overrides.fields.date"
            render={(o: { date: string }) => vietnameseDate(o.date)}
          />
          <RangesField source="ranges" label="resources.hours-overrides.fields.ranges" />
          <TextField source="note" label="resources.hours-overrides.fields.note" emptyText="—" />
          <DeleteButton resource="hours-overrides" mutationMode="pessimistic" redirect={false} />
        </Datagrid>
      </ReferenceManyField>
    </Box>
  );
};
