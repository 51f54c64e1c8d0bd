import { NumberInput, SelectInput, TextInput, useRecordContext } from "react-admin";
import { RING_STRATEGIES } from "../../../../server/contract/enums";
import { AgencyInput } from "./AgencyInput";

const ringChoices = RING_STRATEGIES.map((id) => ({ id, name: `tthc.routing.ring_strategies.${id}` }));

const dialCode = (value: unknown) =>
  value == null || value === "" || /^[0-9]{2,6}$/.test(String(value)) ? undefined : "tthc.validation.format";
const timeout = (value: unknown) =>
  value == null || value === "" || (Number(value) >= 5 && Number(value) <= 120) ? undefined : "tthc.validation.invalid";

/** The "Định tuyến" tab: how calls reach the agency and where they go when it cannot answer. */
export const RoutingInputs = () => {
  const record = useRecordContext();
  return (
    <>
      <TextInput source="dialCode" validate={dialCode} helperText="tthc.routing.dial_code_help" inputMode="numeric" />
      <SelectInput source="ringStrategy" choices={ringChoices} />
      <NumberInput source="ringTimeoutSeconds" min={5} max={120} validate={timeout} helperText="tthc.routing.timeout_help" />
      <AgencyInput source="fallbackId" validate={(value) => (record && value === record.id ? "tthc.validation.invalid" : undefined)} />
    </>
  );
};
