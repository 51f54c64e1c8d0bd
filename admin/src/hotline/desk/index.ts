import DeskIcon from "@mui/icons-material/HeadsetMic";
import { DeskPage } from "./DeskPage";

// A resource whose list is the staff member's desk, so it gets a menu entry and a route (/desk) for
// those holding desk:use (staff and supervisors).
export default {
  list: DeskPage,
  icon: DeskIcon,
};
