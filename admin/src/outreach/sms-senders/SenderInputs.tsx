import { BooleanInput, maxLength, maxValue, minValue, NumberInput, required, SelectInput, TextInput, useTranslate } from "react-admin";
import { SMS_PROVIDER_NAMES } from "../../../../server/contract/sms-providers";

export const PROVIDER_CHOICES = SMS_PROVIDER_NAMES.map((id) => ({ id, name: `tthc.sms.providers.${id}` }));

/** The server's rule (validBrandname), checked here too so the form answers at once. */
const BRANDNAME = /^[A-Za-z0-9._ -]{1,11}$/;
const brandname = (value: unknown) =>
  typeof value === "string" && value !== "" && (!BRANDNAME.test(value) || !/[A-Za-z]/.test(value) || value.trim() !== value)
    ? "tthc.validation.brandname"
    : undefined;

// Settings are edited as JSON text: shown pretty-printed, stored as an object once the text parses.
const formatJson = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value ?? {}, null, 2));
const parseJson = (text: string) => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};
const jsonObject = (value: unknown) =>
  value === undefined || (value !== null && typeof value === "object" && !Array.isArray(value)) ? undefined : "tthc.validation.json";

export const SenderInputs = () => {
  const translate = useTranslate();
  return (
    <>
      <TextInput
        source="brandname"
        validate={[required(), maxLength(11), brandname]}
        helperText={translate("tthc.sms.senders.brandname_help")}
      />
      <SelectInput source="provider" choices={PROVIDER_CHOICES} validate={required()} />
      <NumberInput
        source="pricePerSegment"
        min={0}
        step={1}
        validate={[required(), minValue(0)]}
        helperText={translate("tthc.sms.senders.price_help")}
      />
      <NumberInput source="messagesPerSecond" min={1} max={1000} step={1} validate={[minValue(1), maxValue(1000)]} />
      <TextInput
        source="settings"
        multiline
        minRows={3}
        fullWidth
        format={formatJson}
        parse={parseJson}
        validate={jsonObject}
        helperText={translate("tthc.sms.senders.settings_help")}
      />
      <BooleanInput source="active" />
    </>
  );
};
