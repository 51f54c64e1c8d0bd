import AgencyIcon from "@mui/icons-material/AccountTree";
import { AgencyCreate } from "./AgencyCreate";
import { AgencyEdit } from "./AgencyEdit";
import { AgencyList } from "./AgencyList";
import { AgencyShow } from "./AgencyShow";

export default {
  list: AgencyList,
  show: AgencyShow,
  edit: AgencyEdit,
  create: AgencyCreate,
  icon: AgencyIcon,
  recordRepresentation: "name",
};
