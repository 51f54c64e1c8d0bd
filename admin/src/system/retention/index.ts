import AutoDeleteIcon from "@mui/icons-material/AutoDelete";
import { RetentionPage } from "./RetentionPage";

// Declared as a resource whose list is the page (like the sending policy), for a menu entry and a route.
export default {
  list: RetentionPage,
  icon: AutoDeleteIcon,
};
