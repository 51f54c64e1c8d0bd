import { DateField, type DateFieldProps } from "react-admin";

// Officials read times in Vietnam's time zone whatever the browser says.
const OPTIONS: Intl.DateTimeFormatOptions = {
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  timeZone: "Asia/Ho_Chi_Minh",
};

export const DateTimeField = (props: DateFieldProps) => <DateField showTime locales="vi-VN" options={OPTIONS} {...props} />;
