import BoardIcon from "@mui/icons-material/MonitorHeart";
import { BoardPage } from "./BoardPage";

// A resource whose list is the live board, so it gets a menu entry and a route (/board) for those
// holding board:read.
export default {
  list: BoardPage,
  icon: BoardIcon,
};
