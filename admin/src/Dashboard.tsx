import type { SvgIconComponent } from "@mui/icons-material";
import PhoneCallbackIcon from "@mui/icons-material/PhoneCallback";
import PhoneIcon from "@mui/icons-material/PhoneInTalk";
import SentimentIcon from "@mui/icons-material/SentimentSatisfiedAlt";
import { Box, Card, CardActionArea, CardContent, Skeleton, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { Link, Title, useCanAccess, useCreatePath, useGetIdentity, useGetList, useTranslate } from "react-admin";
import type { TodayFigures } from "../../server/contract/hotline/reports";
import users from "./access/users";
import agencies from "./agencies/tree";
import { callsListPath, formatNumber, formatPercent } from "./hotline/calls/format";
import { fetchToday } from "./hotline/reports/api";

interface CountCardProps {
  resource: string;
  label: string;
  icon: SvgIconComponent;
}

/** A total from the list endpoint: one row requested, `total` read from Content-Range. */
const CountCard = ({ resource, label, icon: Icon }: CountCardProps) => {
  const translate = useTranslate();
  const createPath = useCreatePath();
  const { total, isPending, error } = useGetList(resource, {
    pagination: { page: 1, perPage: 1 },
    sort: { field: "id", order: "ASC" },
  });
  return (
    <Card sx={{ minWidth: 240, flex: "1 1 240px", maxWidth: 360 }}>
      <CardActionArea component={Link} to={createPath({ resource, type: "list" })}>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
            <Icon fontSize="large" color="primary" />
            <Box>
              <Typography color="text.secondary">{translate(label)}</Typography>
              <Typography variant="h4" component="p" data-testid={`dashboard-count-${resource}`}>
                {isPending ? <Skeleton width={60} /> : error ? "—" : (total ?? 0).toLocaleString("vi-VN")}
              </Typography>
            </Box>
          </Stack>
        </CardContent>
      </CardActionArea>
    </Card>
  );
};

interface FigureCardProps {
  id: string;
  label: string;
  icon: SvgIconComponent;
  value: string | null;
  detail?: string;
  to: string;
  /** Below the province's target: shown in the warning colour. */
  warn?: boolean;
}

const FigureCard = ({ id, label, icon: Icon, value, detail, to, warn }: FigureCardProps) => {
  const translate = useTranslate();
  return (
    <Card sx={{ minWidth: 240, flex: "1 1 240px", maxWidth: 360 }}>
      <CardActionArea component={Link} to={to}>
        <CardContent>
          <Stack direction="row" spacing={2} sx={{ alignItems: "center" }}>
            <Icon fontSize="large" color={warn ? "warning" : "primary"} />
            <Box>
              <Typography color="text.secondary">{translate(label)}</Typography>
              <Typography variant="h4" component="p" data-testid={`dashboard-${id}`} color={warn ? "warning.main" : undefined}>
                {value ?? <Skeleton width={60} />}
              </Typography>
              {detail && (
                <Typography variant="caption" color="text.secondary">
                  {detail}
                </Typography>
              )}
            </Box>
          </Stack>
        </CardContent>
      </CardActionArea>
    </Card>
  );
};

/** Today's calls, answer rate and satisfaction (and the last 30 days'), for the user's scope. */
const CallCards = () => {
  const translate = useTranslate();
  const [figures, setFigures] = useState<TodayFigures | null>(null);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    let current = true;
    fetchToday()
      .then((data) => current && setFigures(data))
      .catch(() => current && setFailed(true));
    return () => {
      current = false;
    };
  }, []);
  const show = (text: string | undefined) => (failed ? "—" : (text ?? null));
  const today = figures?.today;
  const month = figures?.last30Days;
  const below = (rate: number | null | undefined) => rate != null && figures != null && rate < figures.target;
  const answers = (n: number | undefined) => (n === undefined ? undefined : translate("tthc.calls.dashboard.answers", { smart_count: n }));
  const todayCalls = figures ? callsListPath({ from: figures.date, to: figures.date }) : "/calls";
  return (
    <>
      <FigureCard
        id="today-calls"
        label="tthc.calls.dashboard.today_calls"
        icon={PhoneIcon}
        value={show(today && formatNumber(today.calls))}
        to={todayCalls}
      />
      <FigureCard
        id="today-answer-rate"
        label="tthc.calls.dashboard.today_answer_rate"
        icon={PhoneCallbackIcon}
        value={show(today && formatPercent(today.answerRate))}
        to={todayCalls}
      />
      <FigureCard
        id="today-satisfaction"
        label="tthc.calls.dashboard.today_satisfaction"
        icon={SentimentIcon}
        value={show(today && formatPercent(today.satisfactionRate))}
        detail={answers(today?.answers)}
        warn={below(today?.satisfactionRate)}
        to="/satisfaction-report"
      />
      <FigureCard
        id="month-satisfaction"
        label="tthc.calls.dashboard.month_satisfaction"
        icon={SentimentIcon}
        value={show(month && formatPercent(month.satisfactionRate))}
        detail={answers(month?.answers)}
        warn={below(month?.satisfactionRate)}
        to="/satisfaction-report"
      />
    </>
  );
};

export const Dashboard = () => {
  const translate = useTranslate();
  const { canAccess: listsUsers } = useCanAccess({ resource: "users", action: "list" });
  const { identity } = useGetIdentity();
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <Typography variant="h5" component="h2" sx={{ mb: 2 }}>
        {translate("tthc.dashboard.welcome", { name: identity?.fullName ?? "" })}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: "wrap", gap: 2, mb: 2 }}>
        <CallCards />
      </Stack>
      <Stack direction="row" sx={{ flexWrap: "wrap", gap: 2 }}>
        <CountCard resource="agencies" label="tthc.dashboard.agencies_total" icon={agencies.icon} />
        {listsUsers && <CountCard resource="users" label="tthc.dashboard.users_total" icon={users.icon} />}
      </Stack>
    </Box>
  );
};
