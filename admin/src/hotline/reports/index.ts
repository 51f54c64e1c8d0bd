import ReportIcon from "@mui/icons-material/InsertChart";
import { SatisfactionReportPage } from "./SatisfactionReport";

// Declared as a resource whose list is the report page, so it gets a menu entry and a route
// (/satisfaction-report) without a custom menu.
export default {
  list: SatisfactionReportPage,
  icon: ReportIcon,
};
