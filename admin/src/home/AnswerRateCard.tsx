import PhoneCallbackIcon from "@mui/icons-material/PhoneCallback";
import { useGetList, useTranslate } from "react-admin";
import { formatNumber, formatPercent } from "../hotline/calls/format";
import { HomeCard } from "./HomeCard";
import { CALLS_SORT, listPath, todaysCalls } from "./links";

const ONE = { page: 1, perPage: 1 };

/** Today's real calls answered by a person, out of all of them: both counts from the list it links to. */
export const AnswerRateCard = () => {
  const translate = useTranslate();
  const all = useGetList("calls", { filter: todaysCalls(false), sort: CALLS_SORT, pagination: ONE });
  const answered = useGetList("calls", { filter: todaysCalls(false, { answered: true }), sort: CALLS_SORT, pagination: ONE });
  const failed = all.error || answered.error;
  const ready = all.total !== undefined && answered.total !== undefined;
  const value = failed ? "—" : ready ? formatPercent(all.total ? (answered.total as number) / (all.total as number) : null) : null;
  return (
    <HomeCard
      id="answer-rate"
      label="tthc.calls.dashboard.today_answer_rate"
      icon={PhoneCallbackIcon}
      value={value}
      detail={
        ready ? translate("tthc.home.answered_of", { answered: formatNumber(answered.total), calls: formatNumber(all.total) }) : undefined
      }
      to={listPath("calls", todaysCalls(false, { answered: true }), CALLS_SORT)}
    />
  );
};
