import { Chip } from "@mui/material";
import { Datagrid, List, SearchInput, SelectInput, TextField, useTranslate } from "react-admin";
import type { Case } from "../../../../server/contract/hotline/cases";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { TranslatedChip } from "../../common/TranslatedChip";
import { kindChoices, stateChoices } from "./choices";
import { DueDateField, StateChip } from "./StateChip";

/**
 * An on/off filter (react-admin's quick filter pattern): added from the filter button it applies its
 * defaultValue and shows as a chip; removed, it is gone. The label is the filter button's entry.
 */
const QuickFilter = ({ label }: { label: string; source: string; defaultValue: unknown }) => {
  const translate = useTranslate();
  return <Chip sx={{ mb: 1 }} color="primary" label={translate(label)} />;
};

const filters = [
  <SearchInput key="q" source="q" alwaysOn />,
  <SelectInput key="state" source="state" choices={stateChoices} alwaysOn />,
  <SelectInput key="kind" source="kind" choices={kindChoices} />,
  <AgencyInput key="agencyId" source="agencyId" />,
  <QuickFilter key="overdue" source="overdue" defaultValue={true} label="tthc.cases.only_overdue" />,
  <QuickFilter key="assignee" source="assignee" defaultValue="me" label="tthc.cases.assigned_to_me" />,
  // Overdue cases raised to me (supervisors of the owning agency, then of its parent).
  <QuickFilter key="escalated" source="escalated" defaultValue={true} label="tthc.cases.escalated_to_me" />,
];

/** An overdue case stands out in the list: its row is tinted red, its due date red with "Quá hạn". */
const rowSx = (record: Case) => (record.overdue ? { backgroundColor: "rgba(211, 47, 47, 0.08)" } : {});

export const CaseList = () => (
  <List exporter={csvExporter} filters={filters} sort={{ field: "dueAt", order: "ASC" }} perPage={25}>
    <Datagrid rowClick="show" bulkActionButtons={false} rowSx={rowSx}>
      <TextField source="code" />
      <DateTimeField source="createdAt" />
      <TranslatedChip source="kind" prefix="tthc.cases.kinds" />
      <StateChip source="state" />
      <TextField
        source="question"
        sortable={false}
        sx={{ display: "block", maxWidth: 320, overflow: "hidden", textOverflow: "ellipsis", whiteSpace: "nowrap" }}
      />
      <TextField source="phone" sortable={false} />
      <TextField source="agencyName" sortable={false} />
      <TextField source="assigneeName" emptyText="—" sortable={false} />
      <DueDateField source="dueAt" label="resources.cases.fields.dueDate" />
    </Datagrid>
  </List>
);
