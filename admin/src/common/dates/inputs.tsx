// Date and time inputs in Vietnamese order and 24-hour time, for forms and list filters alike. The
// field holds the API's value ("YYYY-MM-DD", "HH:MM", an ISO instant) once the text is complete and
// real; until then it holds the typed text, which the validator refuses: a form cannot be saved and
// a filter is not applied (react-admin skips invalid filter forms) while a date is half typed.
import { TextField, type TextFieldProps } from "@mui/material";
import { useEffect, useState } from "react";
import { TextInput, type TextInputProps, useTranslate, type Validator } from "react-admin";
import {
  applyMask,
  DATE_MASK,
  DATE_TIME_MASK,
  dateToText,
  instantToText,
  isIsoDate,
  isTimeOfDay,
  TIME_MASK,
  textToDate,
  textToInstant,
} from "./text";

type Props = Omit<TextInputProps, "format" | "parse" | "type">;

interface Codec {
  mask: string;
  toText: (value: unknown) => string;
  /** The value a complete text stands for, or null. */
  fromText: (text: string) => string | null;
  valid: Validator;
  width: number;
}

/** A TextInput for one codec: typing stores the value once the text reads as one, the masked text until then. */
const MaskedInput = ({ codec, validate, ...props }: Props & { codec: Codec }) => (
  <TextInput
    {...props}
    format={codec.toText}
    parse={(text: string) => (text ? (codec.fromText(applyMask(text, codec.mask)) ?? applyMask(text, codec.mask)) : null)}
    validate={[codec.valid, ...(Array.isArray(validate) ? validate : validate ? [validate] : [])]}
    slotProps={slots(codec.mask)}
    sx={{ width: codec.width, ...props.sx }}
  />
);

/** The label always above the box (no overlap with the placeholder), digits on phone keyboards. */
const slots = (mask: string) => ({ inputLabel: { shrink: true }, htmlInput: { inputMode: "numeric" as const, placeholder: mask } });

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;
const asText = (value: unknown) => (typeof value === "string" ? value : "");
const timeCodec = (endOfDay: boolean): Codec => ({
  mask: TIME_MASK,
  toText: asText,
  fromText: (text) => text,
  valid: (value) =>
    value && !isTimeOfDay(value, endOfDay) ? (endOfDay ? "tthc.forms.time_format_end" : "tthc.forms.time_format") : undefined,
  width: 140,
});
const DATE: Codec = {
  mask: DATE_MASK,
  toText: dateToText,
  fromText: textToDate,
  valid: (value) => (value && !isIsoDate(value) ? "tthc.forms.date_format" : undefined),
  width: 190,
};
const DATE_TIME: Codec = {
  mask: DATE_TIME_MASK,
  toText: instantToText,
  fromText: textToInstant,
  valid: (value) => (value && !ISO_INSTANT.test(String(value)) ? "tthc.forms.date_time_format" : undefined),
  width: 220,
};
const DAY_TIME = timeCodec(false);
const END_TIME = timeCodec(true);

/** A day, typed dd/mm/yyyy; the value is "YYYY-MM-DD". */
export const DateTextInput = (props: Props) => <MaskedInput codec={DATE} {...props} />;

/** A moment, typed dd/mm/yyyy hh:mm in Vietnam time; the value is an ISO instant. */
export const DateTimeTextInput = (props: Props) => <MaskedInput codec={DATE_TIME} {...props} />;

/** A time of day, typed hh:mm in 24 hours; `endOfDay` also accepts "24:00" (a closing time, a window's end). */
export const TimeTextInput = ({ endOfDay = false, ...props }: Props & { endOfDay?: boolean }) => (
  <MaskedInput codec={endOfDay ? END_TIME : DAY_TIME} {...props} />
);

/**
 * The same day input outside react-admin forms (a report's period): `value` and `onChange` carry
 * "YYYY-MM-DD", or "" while the text is incomplete or not a real day.
 */
export const DateTextField = ({
  value,
  onChange,
  ...props
}: Omit<TextFieldProps, "value" | "onChange"> & { value: string; onChange: (value: string) => void }) => {
  const translate = useTranslate();
  const [text, setText] = useState(() => dateToText(value));
  // A value set from outside (a reset) replaces the text; the text's own value does not.
  useEffect(() => setText((current) => (textToDate(current) === value || (!value && current) ? current : dateToText(value))), [value]);
  const invalid = text !== "" && textToDate(text) === null;
  return (
    <TextField
      {...props}
      value={text}
      onChange={(event) => {
        const masked = applyMask(event.target.value, DATE_MASK);
        setText(masked);
        onChange(textToDate(masked) ?? "");
      }}
      error={invalid || props.error}
      helperText={invalid ? translate("tthc.forms.date_format") : props.helperText}
      slotProps={slots(DATE_MASK)}
    />
  );
};
