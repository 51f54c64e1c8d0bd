// The home page depends on who logs in: each role sees the figures its work turns on. A user with
// several roles sees the cards of each, once.
import { Box, Stack, Typography } from "@mui/material";
import { Title, useGetIdentity, useTranslate } from "react-admin";
import type { Role } from "../roles";
import { CARDS, type CardName } from "./cards";

const HOMES: Record<Role, CardName[]> = {
  admin: [
    "todayCalls",
    "answerRate",
    "overdueCallbacks",
    "dissatisfied",
    "monthSatisfaction",
    "simulatedToday",
    "systemHealth",
    "privacyRequestsDue",
    "agencies",
    "users",
  ],
  supervisor: ["staffOnDuty", "todayCalls", "answerRate", "overdueCallbacks", "dissatisfied", "simulatedToday"],
  agent: ["myCallsToday", "openCallbacks", "myDuty"],
  campaign_manager: ["drafts", "pendingApproval", "running", "recentCampaigns"],
  campaign_approver: ["pendingApproval", "scheduled", "running", "recentCampaigns"],
  viewer: ["todayCalls", "answerRate", "dissatisfied", "monthSatisfaction"],
  privacy_officer: ["privacyRequestsDue"],
};

export function cardsOf(roles: readonly Role[]): CardName[] {
  return [...new Set(roles.flatMap((role) => HOMES[role] ?? []))];
}

export const Home = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const roles = (identity?.roles ?? []) as Role[];
  return (
    <Box sx={{ mt: 2 }}>
      <Title title="ra.page.dashboard" />
      <Typography variant="h5" component="h2" sx={{ mb: 2 }}>
        {translate("tthc.dashboard.welcome", { name: identity?.fullName ?? "" })}
      </Typography>
      <Stack direction="row" sx={{ flexWrap: "wrap", gap: 2 }}>
        {cardsOf(roles).map((name) => (
          <Box key={name} sx={{ display: "contents" }}>
            {CARDS[name]}
          </Box>
        ))}
      </Stack>
    </Box>
  );
};
