import TuneIcon from "@mui/icons-material/Tune";
import { ScoringPage } from "./ScoringPage";

// Declared as a resource whose list is the settings page (like the SMS policy), for a menu entry and a route.
export default {
  list: ScoringPage,
  icon: TuneIcon,
};
