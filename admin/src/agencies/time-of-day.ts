// One check for the console's opening and closing times, with the server's parser: a field is valid
// exactly when the API will read it.
import { parseTimeOfDay } from "../../../server/clock/time-of-day";

/** react-admin validator: "HH:MM" from 00:00 to 24:00 (24:00 closes at midnight). */
export const timeOfDay = (value: unknown) =>
  value && parseTimeOfDay(String(value)) !== null ? undefined : "tthc.validation.hours_time_format";
