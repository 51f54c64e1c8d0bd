import { Box, Card, CardContent, LinearProgress, Link as MuiLink, Stack, Typography } from "@mui/material";
import { Link, RecordContextProvider, useGetList, useTranslate } from "react-admin";
import type { Campaign } from "../../../server/contract/outreach/campaigns";
import { formatNumber } from "../hotline/calls/format";
import { StatusChip } from "../outreach/campaigns/StatusChip";
import { percentDone, processed } from "../outreach/campaigns/types";
import { CAMPAIGNS_SORT, listPath } from "./links";

const SHOWN = 5;

/** The latest campaigns with their status and how far sending has gone. */
export const CampaignsProgressCard = () => {
  const translate = useTranslate();
  const { data, total, error } = useGetList<Campaign>("campaigns", {
    sort: CAMPAIGNS_SORT,
    pagination: { page: 1, perPage: SHOWN },
  });
  return (
    <Card sx={{ minWidth: 300, flex: "2 1 420px", maxWidth: 720 }} data-testid="home-card-recent-campaigns">
      <CardContent>
        <Stack direction="row" sx={{ justifyContent: "space-between", alignItems: "baseline" }}>
          <Typography variant="h6" component="h3">
            {translate("tthc.home.recent_campaigns")}
          </Typography>
          <MuiLink component={Link} to={listPath("campaigns", {}, CAMPAIGNS_SORT)}>
            {translate("tthc.home.all_campaigns", { smart_count: total ?? 0, count: formatNumber(total ?? 0) })}
          </MuiLink>
        </Stack>
        {error && <Typography color="error">—</Typography>}
        {data?.length === 0 && <Typography color="text.secondary">{translate("tthc.home.no_campaigns")}</Typography>}
        {data?.map((campaign) => (
          <RecordContextProvider key={campaign.id} value={campaign}>
            <Box sx={{ py: 1, borderTop: 1, borderColor: "divider" }} data-testid="home-campaign">
              <Stack direction="row" spacing={1} sx={{ alignItems: "center", justifyContent: "space-between" }}>
                <MuiLink component={Link} to={`/campaigns/${campaign.id}/show`} sx={{ minWidth: 0, overflowWrap: "anywhere" }}>
                  {campaign.name}
                </MuiLink>
                <StatusChip source="status" />
              </Stack>
              {campaign.counts.total > 0 && (
                <>
                  <LinearProgress variant="determinate" value={percentDone(campaign.counts)} sx={{ mt: 0.5 }} />
                  <Typography variant="caption" color="text.secondary">
                    {translate("tthc.home.campaign_progress", {
                      done: formatNumber(processed(campaign.counts)),
                      total: formatNumber(campaign.counts.total),
                    })}
                  </Typography>
                </>
              )}
            </Box>
          </RecordContextProvider>
        ))}
      </CardContent>
    </Card>
  );
};
