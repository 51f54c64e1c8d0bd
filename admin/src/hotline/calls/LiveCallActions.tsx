import HeadsetIcon from "@mui/icons-material/Headset";
import SupportAgentIcon from "@mui/icons-material/SupportAgent";
import { Button, Stack } from "@mui/material";
import { useState } from "react";
import { useNotify, usePermissions, useRefresh, useTranslate } from "react-admin";
import type { CallDetail } from "../../../../server/contract/hotline/call-log";
import { can } from "../../access/can";
import { type DeskAction, deskAction } from "../desk/transfer/deskCalls";

/**
 * A supervisor on a live call of their agencies: listen in muted (their desk or phone rings and joins
 * the conference; the server audits it), then take the call over if the citizen needs them.
 */
export const LiveCallActions = ({ call }: { call: CallDetail }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const { permissions } = usePermissions();
  const [busy, setBusy] = useState(false);
  if (!call.answeredAt || call.endedAt || !can(permissions, "calls", "listen")) return null;
  const run = async (action: DeskAction, done: string) => {
    setBusy(true);
    try {
      await deskAction(call.id, action);
      notify(done, { type: "info" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Stack direction="row" spacing={1} data-testid="live-call-actions">
      <Button variant="outlined" startIcon={<HeadsetIcon />} disabled={busy} onClick={() => run("listen", "tthc.legs.listening")}>
        {translate("tthc.legs.listen")}
      </Button>
      <Button variant="outlined" startIcon={<SupportAgentIcon />} disabled={busy} onClick={() => run("takeover", "tthc.legs.taken_over")}>
        {translate("tthc.legs.takeover")}
      </Button>
    </Stack>
  );
};
