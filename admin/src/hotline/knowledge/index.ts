import KnowledgeIcon from "@mui/icons-material/MenuBookOutlined";
import { KnowledgeCreate, KnowledgeEdit } from "./KnowledgeEdit";
import { KnowledgeList } from "./KnowledgeList";
import { KnowledgeShow } from "./KnowledgeShow";

export { KnowledgeSearch, type KnowledgeSearchProps } from "./KnowledgeSearch";

export default {
  list: KnowledgeList,
  show: KnowledgeShow,
  edit: KnowledgeEdit,
  create: KnowledgeCreate,
  icon: KnowledgeIcon,
  recordRepresentation: "title",
};
