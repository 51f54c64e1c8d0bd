import AssessmentIcon from "@mui/icons-material/Assessment";
import { PeriodicReportPage } from "./PeriodicReport";

// Declared as a resource whose list is the report page, for a menu entry and a route (/agency-reports).
export default {
  list: PeriodicReportPage,
  icon: AssessmentIcon,
};
