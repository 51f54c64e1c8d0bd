import { Edit, type RaRecord, SelectInput, SimpleForm, TextInput, useRecordContext } from "react-admin";
import type { Case } from "../../../../server/contract/hotline/cases";
import { outOfReach } from "../../common/OutOfReach";
import { workingStateChoices } from "./choices";

const TEXT_FIELDS = ["citizenName", "topic", "procedureCode", "procedureName"] as const;

/**
 * The body PUT /api/cases/:id accepts (the contract's CaseUpdate): the details, and a state only when
 * moved between "in progress" and "waiting for the citizen" (answering, closing and reopening are actions).
 */
export function updateBody(values: RaRecord, previous?: RaRecord): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const field of TEXT_FIELDS) {
    const text = typeof values[field] === "string" ? values[field].trim() : "";
    body[field] = text === "" ? null : text;
  }
  const moved = values.state !== previous?.state;
  if (moved && (values.state === "in_progress" || values.state === "waiting_citizen")) body.state = values.state;
  return body;
}

/** The state can be moved by hand only between the working states; others show as they are. */
const StateInput = () => {
  const record = useRecordContext<Case>();
  const working = record?.state === "new" || workingStateChoices.some((choice) => choice.id === record?.state);
  if (!working) return null;
  return <SelectInput source="state" choices={workingStateChoices} emptyText={`tthc.cases.states.${record?.state ?? "new"}`} />;
};

export const CaseEdit = () => (
  <Edit
    mutationMode="pessimistic"
    transform={(data: RaRecord, options) => updateBody(data, options?.previousData)}
    redirect="show"
    {...outOfReach}
  >
    <SimpleForm>
      <TextInput source="code" readOnly />
      <StateInput />
      <TextInput source="citizenName" />
      <TextInput source="topic" />
      <TextInput source="procedureCode" />
      <TextInput source="procedureName" fullWidth />
    </SimpleForm>
  </Edit>
);
