import { Button } from "@mui/material";
import { useState } from "react";
import { useNotify, useTranslate } from "react-admin";
import { deskAction } from "./deskCalls";

/** Hold / resume for the staff member on the call; the server moves the call into its conference the first time. */
export const HoldButton = ({ callId, held: initiallyHeld = false }: { callId: number; held?: boolean }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const [held, setHeld] = useState(initiallyHeld);
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      await deskAction(callId, held ? "unhold" : "hold");
      notify(held ? "tthc.transfer.resumed" : "tthc.transfer.held", { type: "info" });
      setHeld(!held);
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Button variant="outlined" onClick={toggle} disabled={busy} aria-pressed={held}>
      {translate(held ? "tthc.transfer.unhold" : "tthc.transfer.hold")}
    </Button>
  );
};
