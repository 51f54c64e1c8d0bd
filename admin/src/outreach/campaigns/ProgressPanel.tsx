import { Box, Card, CardContent, Chip, LinearProgress, Stack, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import { RECIPIENT_STATUSES } from "../../../../server/contract/enums";
import type { Counts, Progress } from "../../../../server/contract/outreach/campaigns";
import { formatDateTime, formatDuration, formatNumber } from "../../hotline/calls/format";
import { formatRate } from "./format";
import { percentDone, processed } from "./types";

/** The live bar, the counts by status, the send rate and the time left. */
export const ProgressPanel = ({ counts, progress, live }: { counts: Counts; progress: Progress | null; live: boolean }) => {
  const translate = useTranslate();
  const percent = percentDone(counts);
  return (
    <Card variant="outlined" sx={{ mt: 2 }} component="section" aria-label={translate("tthc.campaigns.progress.title")}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate("tthc.campaigns.progress.title")}
        </Typography>
        <LinearProgress
          variant="determinate"
          value={percent}
          sx={{ height: 12, borderRadius: 6, my: 1 }}
          aria-label={translate("tthc.campaigns.progress.title")}
          data-testid="campaign-progress-bar"
        />
        <Typography variant="body2" data-testid="campaign-progress-text">
          {translate("tthc.campaigns.progress.done", {
            done: formatNumber(processed(counts)),
            total: formatNumber(counts.total),
            percent: `${formatRate(percent)}%`,
          })}
        </Typography>
        <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1, my: 1 }} data-testid="campaign-counts">
          {RECIPIENT_STATUSES.map((status) => (
            <Chip
              key={status}
              size="small"
              variant="outlined"
              data-status={status}
              label={`${translate(`tthc.campaigns.recipient_statuses.${status}`)}: ${formatNumber(counts[status])}`}
            />
          ))}
        </Stack>
        {live && progress && (
          <Box sx={{ display: "flex", gap: 3, flexWrap: "wrap" }}>
            <Typography variant="body2" data-testid="campaign-send-rate">
              {translate("tthc.campaigns.progress.rate", { rate: formatRate(progress.sendRatePerSecond ?? 0) })}
            </Typography>
            {progress.etaSeconds != null && (
              <Typography variant="body2">
                {translate("tthc.campaigns.progress.eta", { time: formatDuration(progress.etaSeconds) })}
              </Typography>
            )}
            {progress.startedAt && (
              <Typography variant="body2" color="text.secondary">
                {translate("tthc.campaigns.progress.started", { time: formatDateTime(progress.startedAt) })}
              </Typography>
            )}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
