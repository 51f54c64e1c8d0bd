import CampaignIcon from "@mui/icons-material/Campaign";
import { CampaignList } from "./CampaignList";
import { CampaignShow } from "./CampaignShow";
import { CampaignCreate, CampaignEdit } from "./CampaignWizard";

export default {
  list: CampaignList,
  show: CampaignShow,
  create: CampaignCreate,
  edit: CampaignEdit,
  icon: CampaignIcon,
  recordRepresentation: "name",
};
