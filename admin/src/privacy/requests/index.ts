import PrivacyTipIcon from "@mui/icons-material/PrivacyTip";
import { RequestCreate } from "./RequestCreate";
import { RequestList } from "./RequestList";
import { RequestShow } from "./RequestShow";

export default {
  list: RequestList,
  show: RequestShow,
  create: RequestCreate,
  icon: PrivacyTipIcon,
  recordRepresentation: "reference",
};
