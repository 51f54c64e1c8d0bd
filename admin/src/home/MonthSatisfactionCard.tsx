import SentimentIcon from "@mui/icons-material/SentimentSatisfiedAlt";
import { useTranslate } from "react-admin";
import { formatPercent } from "../hotline/calls/format";
import { fetchToday } from "../hotline/reports/api";
import { HomeCard } from "./HomeCard";
import { useFetched } from "./useFetched";

/** The last 30 days' satisfaction rate: the satisfaction report opens on the same 30 days. */
export const MonthSatisfactionCard = () => {
  const translate = useTranslate();
  const { data: figures, failed } = useFetched(fetchToday);
  const month = figures?.last30Days;
  const rate = month?.satisfactionRate;
  return (
    <HomeCard
      id="month-satisfaction"
      label="tthc.calls.dashboard.month_satisfaction"
      icon={SentimentIcon}
      value={failed ? "—" : month ? formatPercent(rate) : null}
      detail={month ? translate("tthc.calls.dashboard.answers", { smart_count: month.answers }) : undefined}
      warn={rate != null && figures != null && rate < figures.target}
      to="/satisfaction-report"
    />
  );
};
