import { Alert, Box, Card, CardContent, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { EditButton, Show, useGetIdentity, useGetOne, usePermissions, useRecordContext, useTranslate } from "react-admin";
import type { CampaignStatus } from "../../../../server/contract/enums";
import type { Campaign, Estimate } from "../../../../server/contract/outreach/campaigns";
import type { SmsSender } from "../../../../server/contract/outreach/senders";
import { can } from "../../access/can";
import { formatDateTime, formatNumber } from "../../hotline/calls/format";
import { ActionButton } from "./ActionButton";
import type { CampaignAction } from "./api";
import { blocksSubmission, EstimatePanel, useEstimate } from "./EstimatePanel";
import { ProgressPanel } from "./ProgressPanel";
import { ResultsPanel } from "./ResultsPanel";
import { SampleMessage } from "./SampleMessage";
import { StatusChip } from "./StatusChip";
import { LIVE_STATUSES, processed } from "./types";
import { useProgress } from "./useProgress";

/** Which actions each state offers, in the order the buttons appear. */
const ACTIONS_BY_STATUS: Record<CampaignStatus, CampaignAction[]> = {
  draft: ["submit", "cancel"],
  pending_approval: ["approve", "reject", "cancel"],
  scheduled: ["launch", "cancel"],
  running: ["pause", "cancel"],
  paused: ["resume", "cancel"],
  completed: ["resend-failed"],
  cancelled: [],
};

const SEVERITY: Record<CampaignStatus, "info" | "success" | "warning" | "error"> = {
  draft: "info",
  pending_approval: "warning",
  scheduled: "info",
  running: "info",
  paused: "warning",
  completed: "success",
  cancelled: "error",
};

interface BannerProps {
  campaign: Campaign;
  pausedReason: string | null;
  dispatchPendingSince: string | null;
}

const StatusBanner = ({ campaign, pausedReason, dispatchPendingSince }: BannerProps) => {
  const translate = useTranslate();
  // An approved campaign whose launch was requested for later has launchedAt set to that moment.
  let help = translate(`tthc.campaigns.status_help.${campaign.status}`);
  if (campaign.status === "scheduled" && campaign.launchedAt)
    help = translate("tthc.campaigns.status_help.scheduled_at", { time: formatDateTime(campaign.launchedAt) });
  else if (campaign.status === "scheduled" && campaign.scheduledAt)
    help = translate("tthc.campaigns.status_help.scheduled_planned", { time: formatDateTime(campaign.scheduledAt) });
  return (
    <Alert severity={dispatchPendingSince ? "warning" : SEVERITY[campaign.status]} data-testid="campaign-status-banner" sx={{ mt: 2 }}>
      <strong>{translate(`tthc.campaigns.statuses.${campaign.status}`)}</strong> — {help}
      {pausedReason && (
        <Box component="span" sx={{ display: "block" }}>
          {translate("tthc.campaigns.paused_reason", { reason: pausedReason })}
        </Box>
      )}
      {dispatchPendingSince && (
        <Box component="span" sx={{ display: "block" }} data-testid="campaign-dispatch-pending">
          {translate("tthc.campaigns.dispatch_pending", { time: formatDateTime(dispatchPendingSince) })}
        </Box>
      )}
    </Alert>
  );
};

interface ActionsProps {
  campaign: Campaign;
  sendable: number | undefined;
  /** A failed check that must be fixed first (the server refuses the submission too). */
  submitBlocked: boolean;
}

const Actions = ({ campaign, sendable, submitBlocked }: ActionsProps) => {
  const translate = useTranslate();
  const { permissions } = usePermissions();
  const { identity } = useGetIdentity();
  // Anyone who wrote, edited or submitted it (or wrote its template) may not approve it.
  const own = identity != null && (campaign.editorIds ?? []).some((id) => String(id) === String(identity.id));
  const actions = ACTIONS_BY_STATUS[campaign.status].filter(
    (action) =>
      can(permissions, "campaigns", action) &&
      (action !== "resend-failed" || (campaign.counts?.failed ?? 0) > 0) &&
      (action !== "launch" || !campaign.launchedAt),
  );
  const approving = campaign.status === "pending_approval" && actions.includes("approve");
  return (
    <>
      <Stack direction="row" spacing={1} sx={{ flexWrap: "wrap", rowGap: 1, mt: 2 }} data-testid="campaign-actions">
        {campaign.status === "draft" && can(permissions, "campaigns", "submit") && <EditButton variant="outlined" />}
        {actions.map((action) => (
          <ActionButton
            key={action}
            action={action}
            campaign={campaign}
            count={sendable}
            // The server refuses it too (two-person rule); say why instead of offering it.
            disabled={(own && (action === "approve" || action === "reject")) || (submitBlocked && action === "submit")}
          />
        ))}
      </Stack>
      {approving && own && (
        <Alert severity="info" sx={{ mt: 1 }}>
          {translate("tthc.campaigns.own_campaign")}
        </Alert>
      )}
    </>
  );
};

const Message = ({ campaign }: { campaign: Campaign }) => {
  const translate = useTranslate();
  const { data: sender } = useGetOne<SmsSender>("sms-senders", { id: campaign.senderId }, { enabled: campaign.senderId != null });
  return (
    <Card variant="outlined" sx={{ mt: 2 }}>
      <CardContent>
        <Typography variant="caption" color="text.secondary">
          {translate("resources.campaigns.fields.senderId")}
        </Typography>
        <Typography sx={{ mb: 1 }}>{sender?.brandname ?? "—"}</Typography>
        <Typography variant="caption" color="text.secondary">
          {translate("resources.campaigns.fields.body")}
        </Typography>
        <Typography sx={{ whiteSpace: "pre-wrap" }}>{campaign.body}</Typography>
        <SampleMessage id={campaign.id} version={campaign.updatedAt} />
      </CardContent>
    </Card>
  );
};

/**
 * What the approver approved (the launch sends exactly this), and, before launch, whether the audience
 * still holds the same number of recipients: if not, the launch will be refused and come back here.
 */
const ApprovedTerms = ({ campaign, estimate }: { campaign: Campaign; estimate: Estimate | null | undefined }) => {
  const translate = useTranslate();
  const approval = campaign.approval;
  if (!approval) return null;
  const now = estimate ? estimate.audience - estimate.duplicates : null;
  const changed = campaign.status === "scheduled" && now !== null && now !== approval.recipients;
  return (
    <Card variant="outlined" sx={{ mt: 2 }} data-testid="campaign-approval">
      <CardContent>
        <Typography variant="subtitle2">{translate("tthc.campaigns.approval.title")}</Typography>
        <Typography variant="caption" color="text.secondary">
          {translate("resources.campaigns.fields.senderId")}
        </Typography>
        <Typography sx={{ mb: 1 }}>{approval.brandname}</Typography>
        <Typography variant="caption" color="text.secondary">
          {translate("resources.campaigns.fields.body")}
        </Typography>
        <Typography sx={{ whiteSpace: "pre-wrap", mb: 1 }}>{approval.body}</Typography>
        <Typography>{translate("tthc.campaigns.approval.recipients", { count: formatNumber(approval.recipients) })}</Typography>
        {changed && (
          <Alert severity="warning" sx={{ mt: 1 }} data-testid="campaign-approval-changed">
            {translate("tthc.campaigns.approval.changed", { approved: formatNumber(approval.recipients), now: formatNumber(now) })}
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};

const Details = () => {
  const translate = useTranslate();
  const campaign = useRecordContext<Campaign>();
  // Messages handed to the gateway and not yet confirmed; a finished campaign keeps polling for them.
  const [awaiting, setAwaiting] = useState(false);
  const progress = useProgress(campaign?.id, campaign?.status, awaiting);
  const unconfirmed = campaign?.status === "completed" && ((progress ?? campaign).counts?.sent ?? 0) > 0;
  useEffect(() => setAwaiting(unconfirmed), [unconfirmed]);
  const beforeSending = campaign ? ["draft", "pending_approval", "scheduled"].includes(campaign.status) : false;
  const estimateState = useEstimate(beforeSending ? campaign?.id : undefined, campaign?.updatedAt);
  const estimate = estimateState.estimate;
  if (!campaign) return null;
  const live = LIVE_STATUSES.includes(campaign.status);
  const counts = progress && (live || progress.status === campaign.status) ? progress.counts : campaign.counts;
  const pausedReason = (live ? progress?.pausedReason : null) ?? campaign.pausedReason;
  // Polled while live: the mark clears as soon as the worker has started the dispatcher.
  const dispatchPendingSince = live && progress ? progress.dispatchPendingSince : campaign.dispatchPendingSince;
  return (
    <Box sx={{ p: 2 }}>
      <Stack direction="row" spacing={2} sx={{ alignItems: "center", flexWrap: "wrap" }}>
        <Typography variant="h5" component="h1">
          {campaign.name}
        </Typography>
        <StatusChip source="status" />
      </Stack>
      <Typography variant="body2" color="text.secondary">
        {campaign.createdByName && translate("tthc.campaigns.created_by", { name: campaign.createdByName })}
        {campaign.approvedByName && campaign.approvedAt && (
          <> · {translate("tthc.campaigns.approved_by", { name: campaign.approvedByName, time: formatDateTime(campaign.approvedAt) })}</>
        )}
      </Typography>
      <StatusBanner
        campaign={campaign}
        pausedReason={campaign.status === "paused" ? pausedReason : null}
        dispatchPendingSince={dispatchPendingSince}
      />
      <Actions campaign={campaign} sendable={estimate?.sendable} submitBlocked={!!estimate && blocksSubmission(estimate.compliance)} />
      <Message campaign={campaign} />
      <ApprovedTerms campaign={campaign} estimate={estimate} />
      {beforeSending && <EstimatePanel state={estimateState} />}
      {!beforeSending && counts && <ProgressPanel counts={counts} progress={progress} live={live} />}
      {!beforeSending && counts && counts.total > 0 && <ResultsPanel id={campaign.id} counts={counts} version={processed(counts)} />}
    </Box>
  );
};

export const CampaignShow = () => (
  <Show actions={false} component="div">
    <Card>
      <Details />
    </Card>
  </Show>
);
