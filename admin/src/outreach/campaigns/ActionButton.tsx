import BlockIcon from "@mui/icons-material/Block";
import CheckIcon from "@mui/icons-material/Check";
import PauseIcon from "@mui/icons-material/Pause";
import PlayArrowIcon from "@mui/icons-material/PlayArrow";
import ReplayIcon from "@mui/icons-material/Replay";
import RocketLaunchIcon from "@mui/icons-material/RocketLaunch";
import SendIcon from "@mui/icons-material/Send";
import UndoIcon from "@mui/icons-material/Undo";
import { Dialog, DialogActions, DialogContent, DialogContentText, DialogTitle, TextField } from "@mui/material";
import { type ReactElement, useState } from "react";
import { Button, useNotify, useRefresh, useTranslate } from "react-admin";
import type { Campaign } from "../../../../server/contract/outreach/campaigns";
import { formatNumber } from "../../hotline/calls/format";
import { type CampaignAction, runAction } from "./api";

const ICONS: Record<CampaignAction, ReactElement> = {
  submit: <SendIcon />,
  approve: <CheckIcon />,
  reject: <UndoIcon />,
  launch: <RocketLaunchIcon />,
  pause: <PauseIcon />,
  resume: <PlayArrowIcon />,
  cancel: <BlockIcon />,
  "resend-failed": <ReplayIcon />,
};

const DANGER: readonly CampaignAction[] = ["cancel", "reject"];

interface ActionButtonProps {
  action: CampaignAction;
  campaign: Campaign;
  /** Recipients the confirmation mentions (the estimate's sendable count, or the campaign's total). */
  count?: number;
  disabled?: boolean;
  onDone?: (campaign: Campaign | undefined) => void;
}

/** One workflow action (POST /api/campaigns/:id/<action>) behind a confirmation dialog. */
export const ActionButton = ({ action, campaign, count, disabled, onDone }: ActionButtonProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reason, setReason] = useState("");
  const label = translate(`tthc.campaigns.actions.${action}`);

  const confirm = async () => {
    setBusy(true);
    try {
      const updated = await runAction(campaign.id, action, action === "reject" && reason.trim() ? { reason: reason.trim() } : {});
      // Committed, but Redis could not take the job: say that sending waits for the queue.
      if (updated?.dispatchPendingSince) notify("tthc.campaigns.dispatch_pending_notice", { type: "warning" });
      else notify(`tthc.campaigns.done.${action}`, { type: "success" });
      setOpen(false);
      refresh();
      onDone?.(updated);
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        label={label}
        onClick={() => setOpen(true)}
        disabled={disabled || busy}
        variant={DANGER.includes(action) ? "outlined" : "contained"}
        color={DANGER.includes(action) ? "error" : "primary"}
      >
        {ICONS[action]}
      </Button>
      <Dialog open={open} onClose={() => !busy && setOpen(false)} aria-labelledby={`campaign-${action}-title`}>
        <DialogTitle id={`campaign-${action}-title`}>{label}</DialogTitle>
        <DialogContent>
          <DialogContentText>
            {translate(`tthc.campaigns.confirm.${action}`, {
              name: campaign.name,
              count: formatNumber(count ?? campaign.counts?.total ?? 0),
            })}
          </DialogContentText>
          {action === "reject" && (
            <TextField
              autoFocus
              fullWidth
              multiline
              margin="dense"
              label={translate("tthc.campaigns.reject_reason")}
              value={reason}
              onChange={(event) => setReason(event.target.value)}
            />
          )}
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={() => setOpen(false)} disabled={busy} />
          <Button
            label={label}
            onClick={confirm}
            disabled={busy}
            variant="contained"
            color={DANGER.includes(action) ? "error" : "primary"}
            data-testid="campaign-action-confirm"
          />
        </DialogActions>
      </Dialog>
    </>
  );
};
