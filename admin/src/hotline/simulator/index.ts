import SimulatorIcon from "@mui/icons-material/DialerSip";
import { SimulatorPage } from "./SimulatorPage";

// Declared as a resource whose list is the page, so it gets a menu entry and a route (#/simulator)
// like every other screen, without a custom menu.
export default {
  list: SimulatorPage,
  icon: SimulatorIcon,
};

/** The server lets administrators and supervisors run test calls. */
export function canSimulate(permissions: unknown): boolean {
  return Array.isArray(permissions) && (permissions.includes("admin") || permissions.includes("supervisor"));
}
