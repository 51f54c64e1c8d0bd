import PolicyIcon from "@mui/icons-material/Policy";
import { PolicyPage } from "./PolicyPage";

// Declared as a resource whose list is the page (like the simulator), for a menu entry and a route.
export default {
  list: PolicyPage,
  icon: PolicyIcon,
};
