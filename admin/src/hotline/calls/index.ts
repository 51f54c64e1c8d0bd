import CallIcon from "@mui/icons-material/PhoneInTalk";
import { CallList } from "./CallList";
import { CallShow } from "./CallShow";

export { CallNoteForm, type CallNoteFormProps } from "./CallNoteForm";

export default {
  list: CallList,
  show: CallShow,
  icon: CallIcon,
  recordRepresentation: (call: { id: unknown }) => `#${String(call.id)}`,
};
