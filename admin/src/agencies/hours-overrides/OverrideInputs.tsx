import { ArrayInput, BooleanInput, FormDataConsumer, required, SimpleFormIterator, TextInput } from "react-admin";
import { DateTextInput, TimeTextInput } from "../../common/dates/inputs";
import { AgencyInput } from "../tree/AgencyInput";

/** An override: a day off, or a day with its own hours (e.g. a swapped working Saturday). Empty agency = whole province. */
export const OverrideInputs = () => (
  <>
    <AgencyInput source="agencyId" />
    <DateTextInput source="date" validate={required()} />
    <BooleanInput source="closed" />
    <FormDataConsumer<{ closed?: boolean }>>
      {({ formData }) =>
        formData.closed ? null : (
          <ArrayInput source="ranges">
            <SimpleFormIterator inline disableReordering>
              <TimeTextInput source="opens" label="tthc.hours.opens" validate={required()} />
              <TimeTextInput source="closes" label="tthc.hours.closes" validate={required()} endOfDay />
            </SimpleFormIterator>
          </ArrayInput>
        )
      }
    </FormDataConsumer>
    <TextInput source="note" multiline fullWidth />
  </>
);
