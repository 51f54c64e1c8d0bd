import {
  BooleanInput,
  maxLength,
  maxValue,
  minValue,
  NumberInput,
  PasswordInput,
  required,
  SelectInput,
  TextInput,
  useRecordContext,
  useTranslate,
} from "react-admin";
import { useWatch } from "react-hook-form";
import {
  isSmsProviderName,
  SMS_PROVIDER_NAMES,
  SMS_PROVIDER_SECRETS,
  SMS_PROVIDER_SETTINGS,
} from "../../../../server/contract/sms-providers";

export const PROVIDER_CHOICES = SMS_PROVIDER_NAMES.map((id) => ({ id, name: `tthc.sms.providers.${id}` }));

/** The server's rule (validBrandname), checked here too so the form answers at once. */
const BRANDNAME = /^[A-Za-z0-9._ -]{1,11}$/;
const brandname = (value: unknown) =>
  typeof value === "string" && value !== "" && (!BRANDNAME.test(value) || !/[A-Za-z]/.test(value) || value.trim() !== value)
    ? "tthc.validation.brandname"
    : undefined;

/** One field per setting the chosen vendor reads; empty means the server's configuration decides. */
const ProviderSettings = () => {
  const translate = useTranslate();
  const provider = useWatch({ name: "provider" });
  if (typeof provider !== "string" || !isSmsProviderName(provider)) return null;
  return (
    <>
      {SMS_PROVIDER_SETTINGS[provider].map(({ key, choices }) => {
        const common = {
          source: `settings.${key}`,
          label: `tthc.sms.senders.settings.${key}`,
          helperText: translate(`tthc.sms.senders.settings_help.${key}`),
        };
        return choices ? (
          <SelectInput key={key} {...common} choices={choices.map((id) => ({ id, name: `tthc.sms.senders.settings.${id}` }))} />
        ) : (
          <TextInput key={key} {...common} />
        );
      })}
    </>
  );
};

/**
 * The vendor's credentials, write-only: the server seals them and answers only which are stored
 * (`secretsSet`), so each field starts empty and an empty field keeps the stored value.
 */
const ProviderSecrets = () => {
  const translate = useTranslate();
  const record = useRecordContext<{ secretsSet?: string[] }>();
  const provider = useWatch({ name: "provider" });
  if (typeof provider !== "string" || !isSmsProviderName(provider)) return null;
  return (
    <>
      {SMS_PROVIDER_SECRETS[provider].map((key) => {
        const stored = record?.secretsSet?.includes(key) ?? false;
        return (
          <PasswordInput
            key={key}
            source={`secrets.${key}`}
            label={`tthc.sms.senders.secrets.${key}`}
            autoComplete="new-password"
            validate={maxLength(200)}
            helperText={`${translate(stored ? "tthc.sms.senders.secrets.stored" : "tthc.sms.senders.secrets.missing")} · ${translate("tthc.sms.senders.secrets.help")}`}
          />
        );
      })}
    </>
  );
};

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
      <ProviderSettings />
      <ProviderSecrets />
      <BooleanInput source="active" />
    </>
  );
};
