import AuditLogIcon from "@mui/icons-material/History";
import { AuditLogList } from "./AuditLogList";
import { AuditLogShow } from "./AuditLogShow";

export default {
  list: AuditLogList,
  show: AuditLogShow,
  icon: AuditLogIcon,
  recordRepresentation: (log: { id: unknown }) => `#${String(log.id)}`,
};
