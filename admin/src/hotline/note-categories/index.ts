import CategoryIcon from "@mui/icons-material/LabelOutlined";
import { NoteCategoryCreate, NoteCategoryEdit } from "./NoteCategoryEdit";
import { NoteCategoryList } from "./NoteCategoryList";

export default {
  list: NoteCategoryList,
  edit: NoteCategoryEdit,
  create: NoteCategoryCreate,
  icon: CategoryIcon,
  recordRepresentation: "nameVi",
};
