import { Chip } from "@mui/material";
import { useTranslate } from "react-admin";
import type { Grade } from "../../../../../server/contract/hotline/agency-reports";

export const GRADE_COLORS: Record<Grade, "success" | "info" | "warning" | "error"> = {
  excellent: "success",
  good: "info",
  pass: "warning",
  fail: "error",
};

/** xuất sắc / tốt / đạt / chưa đạt, or "not enough answers" for the ungraded. */
export const GradeChip = ({ grade }: { grade: Grade | null }) => {
  const translate = useTranslate();
  if (grade === null) return <Chip size="small" variant="outlined" label={translate("tthc.agency_reports.ungraded")} />;
  return <Chip size="small" color={GRADE_COLORS[grade]} label={translate(`tthc.agency_reports.grades.${grade}`)} data-grade={grade} />;
};
