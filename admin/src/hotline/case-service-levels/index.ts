import TimerIcon from "@mui/icons-material/Timer";
import { ServiceLevelEdit } from "./ServiceLevelEdit";
import { ServiceLevelList } from "./ServiceLevelList";

export default {
  list: ServiceLevelList,
  edit: ServiceLevelEdit,
  icon: TimerIcon,
};
