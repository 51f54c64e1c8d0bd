// Every card a home page may show, by name. Each count is the total of the list its link opens,
// under the same filter (links.ts); simulated calls are counted apart from real ones.
import PhoneCallbackIcon from "@mui/icons-material/PhoneCallback";
import PhoneIcon from "@mui/icons-material/PhoneInTalk";
import ScienceIcon from "@mui/icons-material/Science";
import DissatisfiedIcon from "@mui/icons-material/SentimentVeryDissatisfied";
import type { ReactElement } from "react";
import { useGetIdentity } from "react-admin";
import users from "../access/users";
import agencies from "../agencies/tree";
import campaigns from "../outreach/campaigns";
import { AnswerRateCard } from "./AnswerRateCard";
import { CampaignsProgressCard } from "./CampaignsProgressCard";
import { CountCard } from "./CountCard";
import { CALLBACKS_SORT, CALLS_SORT, CAMPAIGNS_SORT, dissatisfiedCalls, todaysCalls } from "./links";
import { MonthSatisfactionCard } from "./MonthSatisfactionCard";
import { MyDutyCard } from "./MyDutyCard";
import { PrivacyRequestsDueCard } from "./PrivacyRequestsDueCard";
import { StaffOnDutyCard } from "./StaffOnDutyCard";
import { SystemHealthCard } from "./SystemHealthCard";

const MyCallsTodayCard = () => {
  const { identity } = useGetIdentity();
  if (identity?.id == null) return null;
  return (
    <CountCard
      id="my-calls-today"
      resource="calls"
      filter={todaysCalls(false, { staffId: identity.id })}
      sort={CALLS_SORT}
      label="tthc.home.my_calls_today"
      icon={PhoneIcon}
    />
  );
};

const campaignCount = (status: string, label: string) => (
  <CountCard
    id={`campaigns-${status}`}
    resource="campaigns"
    filter={{ status }}
    sort={CAMPAIGNS_SORT}
    label={label}
    icon={campaigns.icon}
    warnAbove0={status === "pending_approval"}
  />
);

export const CARDS = {
  todayCalls: (
    <CountCard
      id="today-calls"
      resource="calls"
      filter={todaysCalls(false)}
      sort={CALLS_SORT}
      label="tthc.calls.dashboard.today_calls"
      icon={PhoneIcon}
      detail="tthc.home.real_calls_only"
    />
  ),
  simulatedToday: (
    <CountCard
      id="today-simulated"
      resource="calls"
      filter={todaysCalls(true)}
      sort={CALLS_SORT}
      label="tthc.home.today_simulated"
      icon={ScienceIcon}
    />
  ),
  answerRate: <AnswerRateCard />,
  myCallsToday: <MyCallsTodayCard />,
  myDuty: <MyDutyCard />,
  staffOnDuty: <StaffOnDutyCard />,
  openCallbacks: (
    <CountCard
      id="open-callbacks"
      resource="callback-requests"
      filter={{ status: "open" }}
      sort={CALLBACKS_SORT}
      label="tthc.home.open_callbacks"
      icon={PhoneCallbackIcon}
    />
  ),
  overdueCallbacks: (
    <CountCard
      id="overdue-callbacks"
      resource="callback-requests"
      filter={{ overdue: true }}
      sort={CALLBACKS_SORT}
      label="tthc.home.overdue_callbacks"
      icon={PhoneCallbackIcon}
      warnAbove0
    />
  ),
  dissatisfied: (
    <CountCard
      id="dissatisfied"
      resource="calls"
      filter={dissatisfiedCalls()}
      sort={CALLS_SORT}
      label="tthc.home.dissatisfied_week"
      icon={DissatisfiedIcon}
      warnAbove0
    />
  ),
  monthSatisfaction: <MonthSatisfactionCard />,
  systemHealth: <SystemHealthCard />,
  privacyRequestsDue: <PrivacyRequestsDueCard />,
  agencies: (
    <CountCard
      id="agencies"
      resource="agencies"
      filter={{}}
      sort={{ field: "id", order: "ASC" }}
      label="tthc.dashboard.agencies_total"
      icon={agencies.icon}
    />
  ),
  users: (
    <CountCard
      id="users"
      resource="users"
      filter={{}}
      sort={{ field: "id", order: "ASC" }}
      label="tthc.dashboard.users_total"
      icon={users.icon}
    />
  ),
  drafts: campaignCount("draft", "tthc.home.campaigns_draft"),
  pendingApproval: campaignCount("pending_approval", "tthc.home.campaigns_pending_approval"),
  scheduled: campaignCount("scheduled", "tthc.home.campaigns_scheduled"),
  running: campaignCount("running", "tthc.home.campaigns_running"),
  recentCampaigns: <CampaignsProgressCard />,
} satisfies Record<string, ReactElement>;

export type CardName = keyof typeof CARDS;
