import { ArrayInput, BooleanInput, FormDataConsumer, required, SimpleFormIterator, TextInput } from "react-admin";
import { timeOfDay } from "../time-of-day";
import { AgencyInput } from "../tree/AgencyInput";

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
              <TextInput source="opens" type="time" label="tthc.hours.opens" validate={timeOfDay} />
              <TextInput source="closes" type="time" label="tthc.hours.closes" validate={timeOfDay} />
            </SimpleFormIterator>
          </ArrayInput>
        )
      }
    </FormDataConsumer>
    <TextInput source="note" multiline fullWidth />
  </>
);
