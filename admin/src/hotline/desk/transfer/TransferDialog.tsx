import {
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  FormControlLabel,
  Radio,
  RadioGroup,
  Stack,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useNotify, useTranslate } from "react-admin";
import type { TransferMode } from "../../../../../server/contract/hotline/desk-calls";
import { TRANSFER_REASON_MAX } from "../../../../../server/contract/limits";
import { type AgencyOption, TransferTargetPicker } from "../../../agencies/tree/TransferTargetPicker";
import { deskAction, transferCall } from "./deskCalls";

export interface TransferDialogProps {
  callId: number;
  open: boolean;
  onClose: () => void;
  /** Told when the staff member is no longer on the call (cold transfer, hand-over). */
  onLeft?: () => void;
}

/**
 * Pass the call on: pick the agency, say why, cold or warm. A warm transfer stays open while the
 * colleague is rung, with "talk all three" and "hand over" once they answered.
 */
export const TransferDialog = ({ callId, open, onClose, onLeft }: TransferDialogProps) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [agency, setAgency] = useState<AgencyOption | null>(null);
  const [reason, setReason] = useState("");
  const [mode, setMode] = useState<TransferMode>("cold");
  const [busy, setBusy] = useState(false);
  const [consulting, setConsulting] = useState(false);

  const run = async (work: () => Promise<unknown>, success: string, left: boolean) => {
    setBusy(true);
    try {
      await work();
      notify(success, { type: "info" });
      if (left) {
        onLeft?.();
        onClose();
      }
      return true;
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
      return false;
    } finally {
      setBusy(false);
    }
  };

  const submit = async (event: React.FormEvent) => {
    event.preventDefault();
    if (!agency) return;
    const request = { agencyId: agency.id, reason: reason.trim(), mode };
    const ok = await run(
      () => transferCall(callId, request),
      mode === "cold" ? "tthc.transfer.done_cold" : "tthc.transfer.consulting",
      mode === "cold",
    );
    if (ok && mode === "warm") setConsulting(true);
  };

  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby="transfer-title">
      <DialogTitle id="transfer-title">{translate("tthc.transfer.title")}</DialogTitle>
      {consulting ? (
        <>
          <DialogContent>
            <Typography>{translate("tthc.transfer.consulting")}</Typography>
          </DialogContent>
          <DialogActions>
            <Button disabled={busy} onClick={() => run(() => deskAction(callId, "join"), "tthc.transfer.joined", false)}>
              {translate("tthc.transfer.join")}
            </Button>
            <Button
              variant="contained"
              disabled={busy}
              onClick={() => run(() => deskAction(callId, "handover"), "tthc.transfer.handed_over", true)}
            >
              {translate("tthc.transfer.handover")}
            </Button>
          </DialogActions>
        </>
      ) : (
        <form onSubmit={submit}>
          <DialogContent>
            <Stack spacing={2}>
              <TransferTargetPicker
                value={agency}
                onChange={setAgency}
                label={translate("tthc.transfer.agency")}
                helperText={translate("tthc.transfer.agency_search")}
              />
              <TextField
                required
                multiline
                minRows={2}
                label={translate("tthc.transfer.reason")}
                value={reason}
                onChange={(e) => setReason(e.target.value)}
                slotProps={{ htmlInput: { maxLength: TRANSFER_REASON_MAX } }}
              />
              <RadioGroup
                aria-label={translate("tthc.transfer.mode")}
                value={mode}
                onChange={(e) => setMode(e.target.value as TransferMode)}
              >
                <FormControlLabel value="cold" control={<Radio />} label={translate("tthc.transfer.cold")} />
                <FormControlLabel value="warm" control={<Radio />} label={translate("tthc.transfer.warm")} />
              </RadioGroup>
            </Stack>
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>{translate("tthc.transfer.cancel")}</Button>
            <Button type="submit" variant="contained" disabled={busy || !agency || reason.trim() === ""}>
              {translate("tthc.transfer.submit")}
            </Button>
          </DialogActions>
        </form>
      )}
    </Dialog>
  );
};

/** A button that opens the transfer dialog for the call the staff member is on. */
export const TransferButton = ({ callId, onLeft }: { callId: number; onLeft?: () => void }) => {
  const translate = useTranslate();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant="outlined" onClick={() => setOpen(true)}>
        {translate("tthc.transfer.button")}
      </Button>
      <TransferDialog callId={callId} open={open} onClose={() => setOpen(false)} {...(onLeft ? { onLeft } : {})} />
    </>
  );
};
