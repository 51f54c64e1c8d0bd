import { BooleanInput, CheckboxGroupInput, email, regex, required, SelectInput, TextInput } from "react-admin";
import { ANSWER_ON } from "../../../../server/contract/enums";
import { AgencyInput } from "../../agencies/tree/AgencyInput";
import { roleChoices } from "../../roles";

const answerOnChoices = ANSWER_ON.map((id) => ({ id, name: `tthc.desk.answer_on.${id}` }));

/** Fields the API accepts on both POST and PUT. */
export const UserInputs = () => (
  <>
    <TextInput source="name" validate={required()} autoComplete="off" />
    <TextInput source="email" type="email" validate={email()} autoComplete="off" />
    <CheckboxGroupInput source="roles" choices={roleChoices} row={false} validate={required()} />
    <AgencyInput source="agencyId" validate={required()} />
    <BooleanInput source="active" />
    <TextInput source="phone" type="tel" autoComplete="off" />
    <SelectInput source="answerOn" choices={answerOnChoices} defaultValue="phone" helperText="tthc.desk.answer_on.help" />
    {/* Write-only: the API keeps a hash and says only whether one is set; empty leaves it as it is. */}
    <TextInput
      source="presencePin"
      type="password"
      autoComplete="new-password"
      helperText="tthc.staff.pin_help"
      validate={regex(/^([0-9]{4,8})?$/, "tthc.staff.pin_invalid")}
      parse={(value: string) => (value === "" ? undefined : value)}
    />
  </>
);
