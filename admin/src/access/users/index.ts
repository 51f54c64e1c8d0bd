import UserIcon from "@mui/icons-material/People";
import type { RaRecord } from "react-admin";
import { UserCreate } from "./UserCreate";
import { UserEdit } from "./UserEdit";
import { UserList } from "./UserList";

export default {
  list: UserList,
  edit: UserEdit,
  create: UserCreate,
  icon: UserIcon,
  recordRepresentation: (user: RaRecord) => `${user.name} (${user.username})`,
};
