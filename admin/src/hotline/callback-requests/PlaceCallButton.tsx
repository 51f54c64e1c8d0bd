import PhoneForwardedIcon from "@mui/icons-material/PhoneForwarded";
import { useState } from "react";
import { Button, useGetIdentity, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { CallbackRequestDetail } from "../../../../server/contract/hotline/callbacks";
import { API_URL, httpClient } from "../../dataProvider";

/**
 * "Gọi lại": the hotline rings the staff member's desk or phone first, then the citizen, who sees the
 * hotline's number (never the staff member's). The attempt, its outcome and recording are recorded by
 * the hotline itself; the page follows the call until it ends.
 */
export const PlaceCallButton = () => {
  const record = useRecordContext<CallbackRequestDetail>();
  const { identity } = useGetIdentity();
  const [pending, setPending] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  if (record?.status !== "open" || !identity) return null;
  if (record.claimedById !== null && record.claimedById !== identity.id) return null;
  const going = (record.attempts ?? []).some((a) => a.placed && a.endedAt === null);
  const place = async () => {
    setPending(true);
    try {
      await httpClient(`${API_URL}/callback-requests/${encodeURIComponent(record.id)}/call`, { method: "POST" });
      notify("tthc.callbacks.placing", { type: "info" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setPending(false);
    }
  };
  return (
    <Button label="tthc.callbacks.place_call" onClick={place} disabled={pending || going}>
      <PhoneForwardedIcon />
    </Button>
  );
};
