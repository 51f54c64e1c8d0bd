import CallbackIcon from "@mui/icons-material/PhoneCallback";
import { CallbackRequestList } from "./CallbackRequestList";
import { CallbackRequestShow } from "./CallbackRequestShow";

export default {
  list: CallbackRequestList,
  show: CallbackRequestShow,
  icon: CallbackIcon,
  recordRepresentation: "phone",
};
