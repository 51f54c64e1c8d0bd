import PlayCircleIcon from "@mui/icons-material/PlayCircle";
import { useState } from "react";
import { Button, Confirm, useNotify, useRecordContext, useRefresh } from "react-admin";
import type { FlowVersion } from "../../../../server/contract/hotline/ivr-flows";
import { activateVersion } from "./api";

/** Points new calls at this version (roll back or forward), after a confirmation. */
export const ActivateButton = () => {
  const record = useRecordContext<FlowVersion>();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  if (!record) return null;

  const activate = async () => {
    setBusy(true);
    try {
      await activateVersion(record.id);
      notify("tthc.flows.activated", { type: "success", messageArgs: { version: record.version } });
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button
        label={record.active ? "tthc.flows.already_active" : "tthc.flows.activate"}
        onClick={() => setOpen(true)}
        disabled={record.active || busy}
      >
        <PlayCircleIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="tthc.flows.activate_confirm_title"
        content="tthc.flows.activate_confirm_content"
        translateOptions={{ version: record.version }}
        onConfirm={activate}
        onClose={() => setOpen(false)}
      />
    </>
  );
};
