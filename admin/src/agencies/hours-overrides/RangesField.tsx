import { type FieldProps, useRecordContext, useTranslate } from "react-admin";
import type { HoursOverride } from "../../../../server/contract/agencies/hours";

/** "Nghỉ" for a day off, otherwise the ranges as "07:30–11:30, 13:30–17:00". */
export const RangesField = (_props: FieldProps) => {
  const record = useRecordContext<HoursOverride>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.closed) return <>{translate("tthc.hours.closed_day")}</>;
  return <>{record.ranges.map((range) => `${range.opens}–${range.closes}`).join(", ")}</>;
};
