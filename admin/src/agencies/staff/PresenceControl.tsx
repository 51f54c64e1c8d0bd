import { Button, Dialog, DialogActions, DialogContent, DialogTitle, Stack, TextField } from "@mui/material";
import { useState } from "react";
import { useTranslate } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import { CHOSEN_PRESENCE_STATES } from "../../../../server/contract/enums";
import type { ChosenState } from "./usePresence";

interface Props {
  staff: Staff;
  disabled: boolean;
  choose: (staff: Staff, state: ChosenState, reason?: string | null) => Promise<boolean>;
}

/**
 * Available / away (with a reason) / offline, and "end wrap-up" during after-call work. On a call the
 * choice waits: the call's end sets the state.
 */
export const PresenceControl = ({ staff, disabled, choose }: Props) => {
  const translate = useTranslate();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState("");
  const chosen = (CHOSEN_PRESENCE_STATES as readonly string[]).includes(staff.presence) ? staff.presence : "";
  const label = translate("tthc.staff.change_presence", { name: staff.name });
  const onChange = (state: ChosenState) => {
    if (state === "away") {
      setReason("");
      setAsking(true);
    } else void choose(staff, state);
  };
  return (
    <Stack direction="row" spacing={1} sx={{ alignItems: "center" }}>
      {staff.presence === "wrap_up" && (
        <Button size="small" variant="outlined" disabled={disabled} onClick={() => void choose(staff, "available")}>
          {translate("tthc.staff.end_wrap_up")}
        </Button>
      )}
      <TextField
        select
        size="small"
        value={chosen}
        disabled={disabled || staff.presence === "on_call"}
        onChange={(event) => onChange(event.target.value as ChosenState)}
        // A native list: quick on phones, and read out plainly by screen readers.
        slotProps={{ select: { native: true }, htmlInput: { "aria-label": label } }}
        sx={{ minWidth: 150 }}
      >
        {chosen === "" && <option value="">{translate(`tthc.staff.presence.${staff.presence}`)}</option>}
        {CHOSEN_PRESENCE_STATES.map((state) => (
          <option key={state} value={state}>
            {translate(`tthc.staff.presence.${state}`)}
          </option>
        ))}
      </TextField>
      <Dialog open={asking} onClose={() => setAsking(false)} aria-labelledby={`away-${staff.id}`}>
        <DialogTitle id={`away-${staff.id}`}>{translate("tthc.staff.away_title", { name: staff.name })}</DialogTitle>
        <DialogContent>
          <TextField
            autoFocus
            fullWidth
            margin="dense"
            label={translate("tthc.staff.away_reason")}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 200 } }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(false)}>{translate("ra.action.cancel")}</Button>
          <Button
            variant="contained"
            onClick={async () => {
              setAsking(false);
              await choose(staff, "away", reason.trim() || null);
            }}
          >
            {translate("tthc.staff.set_away")}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
};
