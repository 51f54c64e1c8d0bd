import { Typography } from "@mui/material";
import { BooleanInput, NumberInput, SelectInput, TextInput, useRecordContext, useTranslate } from "react-admin";
import { QUEUE_LIMITS } from "../../../../server/contract/agencies/routing-fields";
import { RING_STRATEGIES } from "../../../../server/contract/enums";
import { AgencyInput } from "./AgencyInput";

const ringChoices = RING_STRATEGIES.map((id) => ({ id, name: `tthc.routing.ring_strategies.${id}` }));

const dialCode = (value: unknown) =>
  value == null || value === "" || /^[0-9]{2,6}$/.test(String(value)) ? undefined : "tthc.validation.format";
/** A whole number of seconds (or callers) within the bounds the API enforces. */
const within =
  ({ minimum, maximum }: { minimum: number; maximum: number }) =>
  (value: unknown) =>
    value == null || value === "" || (Number.isInteger(Number(value)) && Number(value) >= minimum && Number(value) <= maximum)
      ? undefined
      : "tthc.validation.invalid";
const timeout = within({ minimum: 5, maximum: 120 });
const httpsUrl = (value: unknown) =>
  value == null || value === "" || /^https:\/\/\S+$/.test(String(value)) ? undefined : "tthc.validation.format";

/** The "Định tuyến" tab: how calls reach the agency, how callers wait, and where they go when it cannot answer. */
export const RoutingInputs = () => {
  const record = useRecordContext();
  const translate = useTranslate();
  return (
    <>
      <TextInput source="dialCode" validate={dialCode} helperText="tthc.routing.dial_code_help" inputMode="numeric" />
      <SelectInput source="ringStrategy" choices={ringChoices} />
      <NumberInput source="ringTimeoutSeconds" min={5} max={120} validate={timeout} helperText="tthc.routing.timeout_help" />
      <AgencyInput source="fallbackId" validate={(value) => (record && value === record.id ? "tthc.validation.invalid" : undefined)} />
      <Typography variant="subtitle1" sx={{ mt: 2 }}>
        {translate("tthc.routing.queue_title")}
      </Typography>
      <Typography variant="body2" color="text.secondary" sx={{ mb: 1, maxWidth: 640 }}>
        {translate("tthc.routing.queue_help")}
      </Typography>
      <NumberInput source="queueMaxLength" validate={within(QUEUE_LIMITS.queueMaxLength)} helperText="tthc.routing.queue_max_length_help" />
      <NumberInput
        source="queueMaxWaitSeconds"
        validate={within(QUEUE_LIMITS.queueMaxWaitSeconds)}
        helperText="tthc.routing.queue_max_wait_help"
      />
      <BooleanInput source="queueWhenNoneAvailable" helperText="tthc.routing.queue_when_none_available_help" />
      <NumberInput source="wrapUpSeconds" validate={within(QUEUE_LIMITS.wrapUpSeconds)} helperText="tthc.routing.wrap_up_help" />
      <TextInput source="holdMusicUrl" validate={httpsUrl} helperText="tthc.routing.hold_music_help" fullWidth />
    </>
  );
};
