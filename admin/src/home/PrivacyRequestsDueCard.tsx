import PrivacyTipIcon from "@mui/icons-material/PrivacyTip";
import { useTranslate } from "react-admin";
import type { PrivacyRequestsDue } from "../../../server/contract/privacy/requests";
import { API_URL, httpClient } from "../dataProvider";
import { formatNumber } from "../hotline/calls/format";
import { HomeCard } from "./HomeCard";
import { listPath } from "./links";
import { useFetched } from "./useFetched";

const fetchDue = async () => (await httpClient(`${API_URL}/privacy-requests/due`)).json as PrivacyRequestsDue;

/** Data-subject requests past a deadline, and those due within 2 days (Law 91/2025's 2 and 15 days). */
export const PrivacyRequestsDueCard = () => {
  const translate = useTranslate();
  const { data, failed } = useFetched(fetchDue);
  return (
    <HomeCard
      id="privacy-requests-overdue"
      label="tthc.privacy.home_due"
      icon={PrivacyTipIcon}
      value={failed ? "—" : data ? formatNumber(data.overdue) : null}
      detail={data ? translate("tthc.privacy.home_due_detail", { soon: formatNumber(data.dueSoon) }) : undefined}
      warn={(data?.overdue ?? 0) > 0}
      to={listPath("privacy-requests", { overdue: true }, { field: "receivedAt", order: "ASC" })}
    />
  );
};
