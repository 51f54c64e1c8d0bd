import TemplateIcon from "@mui/icons-material/Sms";
import { TemplateCreate, TemplateEdit } from "./TemplateEdit";
import { TemplateList } from "./TemplateList";
import { TemplateShow } from "./TemplateShow";

export default {
  list: TemplateList,
  show: TemplateShow,
  edit: TemplateEdit,
  create: TemplateCreate,
  icon: TemplateIcon,
  recordRepresentation: "name",
};
