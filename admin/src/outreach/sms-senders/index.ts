import SenderIcon from "@mui/icons-material/CellTower";
import { SenderCreate, SenderEdit } from "./SenderEdit";
import { SenderList } from "./SenderList";

export default {
  list: SenderList,
  edit: SenderEdit,
  create: SenderCreate,
  icon: SenderIcon,
  recordRepresentation: "brandname",
};
