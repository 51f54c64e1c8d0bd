import FlowIcon from "@mui/icons-material/AccountTreeOutlined";
import { FlowVersionList } from "./FlowVersionList";
import { FlowVersionShow } from "./FlowVersionShow";

export default {
  list: FlowVersionList,
  show: FlowVersionShow,
  icon: FlowIcon,
  recordRepresentation: (version: { version?: number }) => `v${String(version.version ?? "")}`,
};
