import PanToolIcon from "@mui/icons-material/PanTool";
import UndoIcon from "@mui/icons-material/Undo";
import { useState } from "react";
import { Button, useGetIdentity, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { CallbackRequest } from "../../../../server/contract/hotline/callbacks";
import { API_URL, httpClient } from "../../dataProvider";

/**
 * "Nhận xử lý" takes an open request for oneself so colleagues do not call the same citizen; "Trả lại"
 * gives it back. Someone else's claim shows their name instead (the server refuses the others too).
 */
export const ClaimButton = () => {
  const record = useRecordContext<CallbackRequest>();
  const { identity } = useGetIdentity();
  const [pending, setPending] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  if (record?.status !== "open" || !identity) return null;
  const mine = record.claimedById === identity.id;
  const send = async (method: "POST" | "DELETE", done: string) => {
    setPending(true);
    try {
      await httpClient(`${API_URL}/callback-requests/${encodeURIComponent(record.id)}/claim`, { method });
      notify(done, { type: "success" });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setPending(false);
    }
  };
  if (record.claimedById !== null && !mine) {
    // Only supervisors take a claim back from a colleague (one who left it, say); agents leave it be.
    const roles: string[] = Array.isArray(identity.roles) ? identity.roles : [];
    if (!roles.includes("supervisor") && !roles.includes("admin")) return null;
    return (
      <Button label="tthc.callbacks.release_other" onClick={() => send("DELETE", "tthc.callbacks.released")} disabled={pending}>
        <UndoIcon />
      </Button>
    );
  }
  return mine ? (
    <Button label="tthc.callbacks.release" onClick={() => send("DELETE", "tthc.callbacks.released")} disabled={pending}>
      <UndoIcon />
    </Button>
  ) : (
    <Button label="tthc.callbacks.claim" onClick={() => send("POST", "tthc.callbacks.claimed")} disabled={pending}>
      <PanToolIcon />
    </Button>
  );
};
