import PhoneCallbackIcon from "@mui/icons-material/PhoneCallback";
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle } from "@mui/material";
import { useState } from "react";
import {
  Button,
  Form,
  RadioButtonGroupInput,
  required,
  SaveButton,
  TextInput,
  useNotify,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import type { CallbackRequest } from "../../../../server/contract/hotline/callbacks";
import { API_URL, httpClient } from "../../dataProvider";
import { outcomeChoices } from "./choices";

/** "Ghi nhận lần gọi": the outcome of one call back to the citizen; the server moves status and due time. */
export const RecordAttemptButton = () => {
  const record = useRecordContext<CallbackRequest>();
  const [open, setOpen] = useState(false);
  const notify = useNotify();
  const refresh = useRefresh();
  const translate = useTranslate();
  if (record?.status !== "open") return null;

  const submit = async (values: Record<string, unknown>) => {
    try {
      await httpClient(`${API_URL}/callback-requests/${encodeURIComponent(record.id)}/attempts`, {
        method: "POST",
        body: JSON.stringify({ outcome: values.outcome, note: values.note || null }),
      });
      notify("tthc.callbacks.attempt_recorded", { type: "success" });
      setOpen(false);
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    }
  };

  // In the list the button sits in a clickable row, and React sends clicks from the dialog (a portal)
  // up the same tree: without this the row's click opens the request's page instead of the dialog.
  return (
    <>
      <Button
        label="tthc.callbacks.record_attempt"
        onClick={(event) => {
          event.stopPropagation();
          setOpen(true);
        }}
      >
        <PhoneCallbackIcon />
      </Button>
      <Dialog
        open={open}
        onClose={() => setOpen(false)}
        onClick={(event) => event.stopPropagation()}
        aria-labelledby="record-attempt-title"
        fullWidth
        maxWidth="sm"
      >
        <Form onSubmit={submit} record={{ outcome: "reached", note: "" }}>
          <DialogTitle id="record-attempt-title">
            {translate("tthc.callbacks.record_title")}: {record.phone}
          </DialogTitle>
          <DialogContent>
            <RadioButtonGroupInput
              source="outcome"
              resource="callback-requests"
              choices={outcomeChoices}
              validate={required()}
              row={false}
            />
            <TextInput source="note" resource="callback-requests" multiline fullWidth />
            <Alert severity="info">{translate("tthc.callbacks.rules")}</Alert>
          </DialogContent>
          <DialogActions>
            <Button label="ra.action.cancel" onClick={() => setOpen(false)} />
            <SaveButton alwaysEnable />
          </DialogActions>
        </Form>
      </Dialog>
    </>
  );
};
