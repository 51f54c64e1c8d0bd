import { ArrayInput, BooleanInput, FormDataConsumer, required, SimpleFormIterator, TextInput } from "react-admin";
import { AgencyInput } from "../tree/AgencyInput";

const HHMM = /^([01][0-9]|2[0-3]):[0-5][0-9]$|^24:00$/;
const time = (value: unknown) => (value && HHMM.test(String(value)) ? undefined : "tthc.validation.hours_time_format");

/** An override: a day off, or a day with its own hours (e.g. a swapped working Saturday). Empty agency = whole province. */
export const OverrideInputs = () => (
  <>
    <AgencyInput source="agencyId" />
    <TextInput source="date" type="date" validate={required()} />
    <BooleanInput source="closed" />
    <FormDataConsumer<{ closed?: boolean }>>
      {({ formData }) =>
        formData.closed ? null : (
          <ArrayInput source="ranges">
            <SimpleFormIterator inline disableReordering>
              <TextInput source="opens" type="time" label="tthc.hours.opens" validate={time} />
              <TextInput source="closes" type="time" label="tthc.hours.closes" validate={time} />
            </SimpleFormIterator>
          </ArrayInput>
        )
      }
    </FormDataConsumer>
    <TextInput source="note" multiline fullWidth />
  </>
);
