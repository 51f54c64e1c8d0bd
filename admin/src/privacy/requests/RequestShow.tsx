// One request: who asked what and how identity was checked, its two deadlines, the lifecycle's
// buttons (acknowledge, start, complete with an outcome, reject with a reason) and its history.
import {
  Alert,
  Button,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  TextField as MuiTextField,
  Stack,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { Show, SimpleShowLayout, TextField, useNotify, useRecordContext, useRefresh, useTranslate } from "react-admin";
import { displayDate } from "../../../../server/clock/vietnam-time";
import type { PrivacyRequestDetail } from "../../../../server/contract/privacy/requests";
import { DateTimeField } from "../../common/DateTimeField";
import { TranslatedChip } from "../../common/TranslatedChip";
import { API_URL, httpClient } from "../../dataProvider";
import { RequestStateChip } from "./fields";
import { RequestData } from "./RequestData";

type Action = "acknowledge" | "start" | "complete" | "reject";
const DONE = { acknowledge: "acknowledged_done", start: "started_done", complete: "completed_done", reject: "rejected_done" } as const;

async function post(id: number, action: Action, body: object) {
  await httpClient(`${API_URL}/privacy-requests/${encodeURIComponent(id)}/${action}`, { method: "POST", body: JSON.stringify(body) });
}

const Actions = () => {
  const record = useRecordContext<PrivacyRequestDetail>();
  const translate = useTranslate();
  const notify = useNotify();
  const refresh = useRefresh();
  const [asking, setAsking] = useState<"complete" | "reject" | null>(null);
  const [text, setText] = useState("");
  if (!record) return null;
  const run = async (action: Action, body: object = {}) => {
    try {
      await post(record.id, action, body);
      notify(`tthc.privacy.${DONE[action]}`, { type: "success" });
      setAsking(null);
      setText("");
      refresh();
    } catch (error) {
      notify(error instanceof Error ? error.message : String(error), { type: "error" });
    }
  };
  const open = record.state === "received" || record.state === "acknowledged" || record.state === "in_progress";
  if (!open) return null;
  return (
    <Stack direction="row" spacing={1} sx={{ my: 1 }}>
      {record.state === "received" && (
        <Button variant="contained" onClick={() => run("acknowledge")} data-testid="privacy-acknowledge">
          {translate("tthc.privacy.acknowledge")}
        </Button>
      )}
      {record.state !== "in_progress" && (
        <Button variant="outlined" onClick={() => run("start")} data-testid="privacy-start">
          {translate("tthc.privacy.start")}
        </Button>
      )}
      {record.state === "in_progress" && (
        <Button variant="contained" color="success" onClick={() => setAsking("complete")} data-testid="privacy-complete">
          {translate("tthc.privacy.complete")}
        </Button>
      )}
      <Button color="error" onClick={() => setAsking("reject")} data-testid="privacy-reject">
        {translate("tthc.privacy.reject")}
      </Button>
      <Dialog open={asking !== null} onClose={() => setAsking(null)} fullWidth>
        <DialogTitle>{asking && translate(`tthc.privacy.${asking}`)}</DialogTitle>
        <DialogContent>
          <MuiTextField
            autoFocus
            fullWidth
            multiline
            minRows={3}
            label={translate(asking === "reject" ? "tthc.privacy.reason" : "tthc.privacy.outcome")}
            value={text}
            onChange={(event) => setText(event.target.value)}
            sx={{ mt: 1 }}
          />
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAsking(null)}>{translate("ra.action.cancel")}</Button>
          <Button
            variant="contained"
            disabled={!text.trim()}
            onClick={() => asking && run(asking, asking === "reject" ? { reason: text } : { outcome: text })}
          >
            {translate("ra.action.confirm")}
          </Button>
        </DialogActions>
      </Dialog>
    </Stack>
  );
};

const Deadlines = () => {
  const record = useRecordContext<PrivacyRequestDetail>();
  const translate = useTranslate();
  if (!record) return null;
  const line = (label: string, date: string, done: string | null) => (
    <Typography variant="body2" data-testid={`privacy-${label}`} color={!done && record.overdue ? "error.main" : undefined}>
      {translate(`resources.privacy-requests.fields.${label}`)}: <strong>{displayDate(date)}</strong>
      {done ? " ✓" : ""}
    </Typography>
  );
  return (
    <Alert severity={record.overdue ? "error" : record.dueSoon ? "warning" : "info"} sx={{ my: 1 }}>
      <Typography variant="subtitle2">{translate("tthc.privacy.deadlines")}</Typography>
      {line("acknowledgeBy", record.acknowledgeBy, record.acknowledgedAt)}
      {line("completeBy", record.completeBy, record.completedAt)}
      <Typography variant="caption">{translate("tthc.privacy.deadlines_help")}</Typography>
    </Alert>
  );
};

const History = () => {
  const record = useRecordContext<PrivacyRequestDetail>();
  const translate = useTranslate();
  if (!record) return null;
  if (record.history.length === 0) return <Typography variant="body2">{translate("tthc.privacy.no_history")}</Typography>;
  return (
    <Stack spacing={0.5} data-testid="privacy-history">
      {record.history.map((entry) => (
        <Typography key={entry.id} variant="body2">
          {new Date(entry.createdAt).toLocaleString("vi-VN")} · {translate(`tthc.privacy.actions.${entry.action}`, { _: entry.action })}
          {entry.actorName ? ` · ${entry.actorName}` : ""}
        </Typography>
      ))}
    </Stack>
  );
};

export const RequestShow = () => {
  const translate = useTranslate();
  return (
    <Show>
      <SimpleShowLayout>
        <TextField source="reference" />
        <RequestStateChip source="state" />
        <Deadlines />
        <Actions />
        <RequestData />
        <TranslatedChip source="kind" prefix="tthc.privacy.kinds" />
        <TranslatedChip source="channel" prefix="tthc.privacy.channels" />
        <TextField source="phone" emptyText="—" />
        <TextField source="requesterName" />
        <TextField source="identityCheck" />
        <DateTimeField source="receivedAt" />
        <DateTimeField source="acknowledgedAt" emptyText="—" />
        <DateTimeField source="completedAt" emptyText="—" />
        <TextField source="handlerName" emptyText="—" />
        <TextField source="outcome" emptyText="—" />
        <Typography variant="subtitle2" sx={{ mt: 2 }}>
          {translate("tthc.privacy.history")}
        </Typography>
        <History />
      </SimpleShowLayout>
    </Show>
  );
};
