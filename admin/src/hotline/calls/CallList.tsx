import {
  BooleanField,
  Datagrid,
  List,
  NullableBooleanInput,
  SelectArrayInput,
  SelectInput,
  TextField,
  TextInput,
  useCanAccess,
} from "react-admin";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { csvExporter } from "../../common/csvExporter";
import { DateTimeField } from "../../common/DateTimeField";
import { DateTextInput } from "../../common/dates/inputs";
import { TranslatedChip } from "../../common/TranslatedChip";
import { CallerField } from "./CallerField";
import { queueOutcomeChoices, satisfactionChoices, terminationChoices } from "./choices";
import { DurationField } from "./DurationField";
import { NoteCategoryFilter, noteKindFilter } from "./NoteCategoryFilter";

// Dates are Vietnam days; the server includes the whole `to` day. The phone number may be typed in
// any form (0912 345 678, 84912345678…) or in part: the server normalises it. Only staff handling
// calls see callers in full and may filter by them (calls:caller-numbers).
const callerFilter = <TextInput key="caller" source="caller" alwaysOn resettable />;
const otherFilters = [
  <AgencyInput key="agencyId" source="agencyId" alwaysOn />,
  <SelectInput key="termination" source="termination" choices={terminationChoices} />,
  <SelectInput key="queueOutcome" source="queueOutcome" choices={queueOutcomeChoices} />,
  <NullableBooleanInput key="simulated" source="simulated" />,
  <SelectArrayInput key="satisfaction" source="satisfaction" choices={satisfactionChoices} />,
  <NullableBooleanInput key="answered" source="answered" label="tthc.calls.terminations.answered" />,
];

const dateFilters = [<DateTextInput key="from" source="from" alwaysOn />, <DateTextInput key="to" source="to" alwaysOn />];

export const CallList = () => {
  const { canAccess: seesCallers } = useCanAccess({ resource: "calls", action: "caller-numbers" });
  // The category list is read by those who write notes (note-categories:read); the kinds need no list.
  const { canAccess: readsCategories } = useCanAccess({ resource: "note-categories", action: "read" });
  const noteFilters = [...(readsCategories ? [<NoteCategoryFilter key="noteCategory" source="noteCategory" />] : []), noteKindFilter];
  const filters = [...dateFilters, ...(seesCallers ? [callerFilter] : []), ...otherFilters, ...noteFilters];
  return (
    <List exporter={csvExporter} filters={filters} sort={{ field: "startedAt", order: "DESC" }} perPage={25}>
      <Datagrid rowClick="show" bulkActionButtons={false}>
        <DateTimeField source="startedAt" />
        <CallerField source="caller" sortable={false} />
        <TextField source="agencyName" sortable={false} emptyText="—" />
        <TextField source="topic" sortable={false} emptyText="—" />
        <TranslatedChip source="termination" prefix="tthc.calls.terminations" sortable={false} />
        <DurationField source="queueSeconds" sortable={false} />
        <TranslatedChip source="queueOutcome" prefix="tthc.calls.queue_outcomes" sortable={false} />
        <DurationField source="ringSeconds" sortable={false} />
        <DurationField source="talkSeconds" sortable={false} />
        <TextField source="staffName" sortable={false} emptyText="—" />
        <TranslatedChip source="satisfaction" prefix="tthc.calls.satisfaction" sortable={false} />
        <BooleanField source="simulated" sortable={false} />
      </Datagrid>
    </List>
  );
};
