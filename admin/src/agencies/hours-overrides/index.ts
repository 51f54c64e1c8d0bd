import OverrideIcon from "@mui/icons-material/EventBusy";
import { HoursOverrideCreate, HoursOverrideEdit } from "./HoursOverrideCreate";
import { HoursOverrideList } from "./HoursOverrideList";

export default {
  list: HoursOverrideList,
  create: HoursOverrideCreate,
  edit: HoursOverrideEdit,
  icon: OverrideIcon,
  recordRepresentation: "date",
};
