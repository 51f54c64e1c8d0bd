// The callback this staff member placed ("Gọi lại"): the hotline rings their desk first, then calls the
// citizen from the hotline's number. With Twilio's softphone the call rings in it like any other; the
// simulated softphone takes and ends it here, through the simulator (which plays Twilio's part).
import { Alert, Button, Stack } from "@mui/material";
import { useState } from "react";
import { useNotify, useTranslate } from "react-admin";
import type { DeskState } from "../../../../server/contract/hotline/desk";
import { API_URL, httpClient } from "../../dataProvider";

export const CallbackPanel = ({ callback, simulated }: { callback: NonNullable<DeskState["callback"]>; simulated: boolean }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [busy, setBusy] = useState(false);
  const act = async (action: "accept" | "hangup") => {
    setBusy(true);
    try {
      await httpClient(`${API_URL}/simulator/desk/callbacks/${callback.attemptId}/${action}`, { method: "POST" });
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Alert severity="info" data-testid="desk-callback">
      <Stack spacing={1}>
        <span>
          {translate("tthc.desk.callback", { phone: callback.phone })} · {translate(`tthc.callbacks.states.${callback.state}`)}
        </span>
        {simulated && (
          <Stack direction="row" spacing={1}>
            {callback.state === "staff_ringing" ? (
              <Button variant="contained" disabled={busy} onClick={() => void act("accept")}>
                {translate("tthc.desk.callback_accept")}
              </Button>
            ) : (
              <Button variant="outlined" color="error" disabled={busy} onClick={() => void act("hangup")}>
                {translate("tthc.desk.callback_hangup")}
              </Button>
            )}
          </Stack>
        )}
      </Stack>
    </Alert>
  );
};
