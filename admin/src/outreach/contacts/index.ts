import ContactsIcon from "@mui/icons-material/Contacts";
import { ContactCreate, ContactEdit } from "./ContactEdit";
import { ContactList } from "./ContactList";
import { ContactShow } from "./ContactShow";

export { ContactImportWizard } from "./import/ContactImportWizard";

export default {
  list: ContactList,
  show: ContactShow,
  edit: ContactEdit,
  create: ContactCreate,
  icon: ContactsIcon,
  recordRepresentation: "phone",
};
