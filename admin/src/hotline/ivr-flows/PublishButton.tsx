import PublishIcon from "@mui/icons-material/Publish";
import { Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useState } from "react";
import { Button, Confirm, useNotify, useRefresh, useTranslate } from "react-admin";
import type { Problem } from "../../../../server/contract/hotline/ivr-flows";
import { problemsOf, publishFromFolder } from "./api";
import { ProblemList } from "./ProblemList";

/** Publishes the server's ivr-flows folder after a confirmation; an invalid flow shows its problems. */
export const PublishButton = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [open, setOpen] = useState(false);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<Problem[]>([]);

  const publish = async () => {
    setBusy(true);
    try {
      const version = await publishFromFolder();
      notify("tthc.flows.published", { type: "success", messageArgs: { version: version.version } });
      refresh();
    } catch (error) {
      const found = problemsOf(error);
      setProblems(found);
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    } finally {
      setBusy(false);
      setOpen(false);
    }
  };

  return (
    <>
      <Button label="tthc.flows.publish_from_folder" onClick={() => setOpen(true)} disabled={busy}>
        <PublishIcon />
      </Button>
      <Confirm
        isOpen={open}
        loading={busy}
        title="tthc.flows.publish_confirm_title"
        content="tthc.flows.publish_confirm_content"
        onConfirm={publish}
        onClose={() => setOpen(false)}
      />
      <Dialog open={problems.length > 0} onClose={() => setProblems([])} maxWidth="md" fullWidth>
        <DialogTitle>{translate("tthc.flows.invalid_flow")}</DialogTitle>
        <DialogContent>
          <ProblemList problems={problems} />
        </DialogContent>
        <DialogActions>
          <Button label="ra.action.close" onClick={() => setProblems([])} />
        </DialogActions>
      </Dialog>
    </>
  );
};
