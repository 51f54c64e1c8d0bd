// The actions of a case, each a dialog (docs/cases.md): transfer to another agency with a reason,
// answer, close, reopen, link a call, assign. The server checks the state and the user's scope; the
// buttons only hide what the case's state makes pointless.
import AssignmentIndIcon from "@mui/icons-material/AssignmentInd";
import LinkIcon from "@mui/icons-material/Link";
import LockIcon from "@mui/icons-material/Lock";
import ReplayIcon from "@mui/icons-material/Replay";
import ReplyIcon from "@mui/icons-material/Reply";
import SwapHorizIcon from "@mui/icons-material/SwapHoriz";
import { Alert, Dialog, DialogActions, DialogContent, DialogTitle, MenuItem, Button as MuiButton, Stack, TextField } from "@mui/material";
import { type ReactElement, type ReactNode, useState } from "react";
import { Button, useGetIdentity, useGetList, useNotify, useRecordContext, useRefresh, useTranslate } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import type { CaseDetail } from "../../../../server/contract/hotline/cases";
import { type AgencyOption, TransferTargetPicker } from "../../agencies/tree/TransferTargetPicker";
import { API_URL, httpClient } from "../../dataProvider";
import { KnowledgeSearch } from "../knowledge";
import { type CaseAction, caseAction } from "./api";
import { isOpen } from "./choices";

type Done = "transfer" | "answer" | "close" | "reopen" | "link_call" | "assign";

/** Runs one action, tells the user, refreshes the case; false when the server refused. */
function useRun() {
  const notify = useNotify();
  const refresh = useRefresh();
  const [busy, setBusy] = useState(false);
  const run = async (work: () => Promise<unknown>, done: Done) => {
    setBusy(true);
    try {
      await work();
      notify(`tthc.cases.done.${done}`, { type: "success" });
      refresh();
      return true;
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
      return false;
    } finally {
      setBusy(false);
    }
  };
  return { run, busy };
}

interface ActionDialogProps {
  id: string;
  open: boolean;
  title: string;
  onClose: () => void;
  onSubmit: () => void;
  busy: boolean;
  ready: boolean;
  submitLabel: string;
  children: ReactNode;
}

const ActionDialog = ({ id, open, title, onClose, onSubmit, busy, ready, submitLabel, children }: ActionDialogProps) => {
  const translate = useTranslate();
  return (
    <Dialog open={open} onClose={onClose} fullWidth maxWidth="sm" aria-labelledby={`${id}-title`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (ready && !busy) onSubmit();
        }}
      >
        <DialogTitle id={`${id}-title`}>{title}</DialogTitle>
        <DialogContent>
          <Stack spacing={2} sx={{ pt: 1 }}>
            {children}
          </Stack>
        </DialogContent>
        <DialogActions>
          <MuiButton onClick={onClose}>{translate("ra.action.cancel")}</MuiButton>
          <MuiButton type="submit" variant="contained" disabled={!ready || busy}>
            {translate(submitLabel)}
          </MuiButton>
        </DialogActions>
      </form>
    </Dialog>
  );
};

/** A button that opens its dialog; `render` gets the close callback. */
const WithDialog = ({
  label,
  icon,
  render,
}: {
  label: string;
  icon: ReactElement;
  render: (open: boolean, close: () => void) => ReactNode;
}) => {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button label={label} onClick={() => setOpen(true)}>
        {icon}
      </Button>
      {render(open, () => setOpen(false))}
    </>
  );
};

export const TransferButton = () => {
  const record = useRecordContext<CaseDetail>();
  const translate = useTranslate();
  const { run, busy } = useRun();
  const [agency, setAgency] = useState<AgencyOption | null>(null);
  const [reason, setReason] = useState("");
  if (!record || !isOpen(record.state)) return null;
  return (
    <WithDialog
      label="tthc.cases.actions.transfer"
      icon={<SwapHorizIcon />}
      render={(open, close) => (
        <ActionDialog
          id="case-transfer"
          open={open}
          onClose={close}
          busy={busy}
          ready={agency !== null && reason.trim() !== ""}
          submitLabel="tthc.cases.actions.transfer"
          title={translate("tthc.cases.dialogs.transfer_title", { code: record.code })}
          onSubmit={async () => {
            if (!agency) return;
            if (await run(() => caseAction(record.id, "transfer", { agencyId: agency.id, reason: reason.trim() }), "transfer")) {
              setAgency(null);
              setReason("");
              close();
            }
          }}
        >
          <TransferTargetPicker
            value={agency}
            onChange={setAgency}
            exclude={[record.agencyId]}
            label={translate("tthc.cases.dialogs.transfer_agency")}
            helperText={translate("tthc.cases.dialogs.transfer_agency_help")}
          />
          <TextField
            required
            multiline
            minRows={2}
            label={translate("tthc.cases.dialogs.transfer_reason")}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
          <Alert severity="info">{translate("tthc.cases.dialogs.transfer_help")}</Alert>
        </ActionDialog>
      )}
    />
  );
};

export const AnswerButton = () => {
  const record = useRecordContext<CaseDetail>();
  const translate = useTranslate();
  const { run, busy } = useRun();
  const [answer, setAnswer] = useState("");
  if (!record || !isOpen(record.state)) return null;
  return (
    <WithDialog
      label="tthc.cases.actions.answer"
      icon={<ReplyIcon />}
      render={(open, close) => (
        <ActionDialog
          id="case-answer"
          open={open}
          onClose={close}
          busy={busy}
          ready={answer.trim() !== ""}
          submitLabel="tthc.cases.actions.answer"
          title={translate("tthc.cases.dialogs.answer_title", { code: record.code })}
          onSubmit={async () => {
            if (await run(() => caseAction(record.id, "answer", { answer: answer.trim() }), "answer")) close();
          }}
        >
          <TextField
            required
            multiline
            minRows={4}
            label={translate("tthc.cases.dialogs.answer_text")}
            value={answer}
            onChange={(event) => setAnswer(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 8000 } }}
          />
          <KnowledgeSearch
            caseId={record.id}
            onInsert={(text) => setAnswer((current) => (current.trimEnd() ? `${current.trimEnd()}\n\n${text}` : text).slice(0, 8000))}
          />
          <Alert severity="info">{translate("tthc.cases.dialogs.answer_help")}</Alert>
        </ActionDialog>
      )}
    />
  );
};

/** Close (once answered) or reopen (once answered or closed), with an optional reason. */
const ReasonButton = ({ action }: { action: Extract<CaseAction, "close" | "reopen"> }) => {
  const record = useRecordContext<CaseDetail>();
  const translate = useTranslate();
  const { run, busy } = useRun();
  const [reason, setReason] = useState("");
  if (!record) return null;
  const shown = action === "close" ? record.state !== "closed" : record.state === "answered" || record.state === "closed";
  if (!shown) return null;
  // Closing a case nobody answered needs its reason (the server refuses it without one).
  const reasonRequired = action === "close" && record.state !== "answered";
  return (
    <WithDialog
      label={`tthc.cases.actions.${action}`}
      icon={action === "close" ? <LockIcon /> : <ReplayIcon />}
      render={(open, close) => (
        <ActionDialog
          id={`case-${action}`}
          open={open}
          onClose={close}
          busy={busy}
          ready={!reasonRequired || reason.trim() !== ""}
          submitLabel={`tthc.cases.actions.${action}`}
          title={translate(`tthc.cases.dialogs.${action}_title`, { code: record.code })}
          onSubmit={async () => {
            const body = reason.trim() ? { reason: reason.trim() } : {};
            if (await run(() => caseAction(record.id, action, body), action)) close();
          }}
        >
          <TextField
            multiline
            minRows={2}
            required={reasonRequired}
            label={translate(reasonRequired ? "tthc.cases.reason" : "tthc.cases.dialogs.reason_optional")}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
            slotProps={{ htmlInput: { maxLength: 1000 } }}
          />
          {action === "reopen" && <Alert severity="info">{translate("tthc.cases.dialogs.reopen_help")}</Alert>}
          {reasonRequired && <Alert severity="warning">{translate("tthc.cases.dialogs.close_unanswered_help")}</Alert>}
        </ActionDialog>
      )}
    />
  );
};

export const CloseButton = () => <ReasonButton action="close" />;
export const ReopenButton = () => <ReasonButton action="reopen" />;

export const LinkCallButton = () => {
  const record = useRecordContext<CaseDetail>();
  const translate = useTranslate();
  const { run, busy } = useRun();
  const [callId, setCallId] = useState("");
  if (!record) return null;
  const id = Number(callId);
  return (
    <WithDialog
      label="tthc.cases.actions.link_call"
      icon={<LinkIcon />}
      render={(open, close) => (
        <ActionDialog
          id="case-link-call"
          open={open}
          onClose={close}
          busy={busy}
          ready={Number.isInteger(id) && id > 0}
          submitLabel="tthc.cases.actions.link_call"
          title={translate("tthc.cases.dialogs.link_title", { code: record.code })}
          onSubmit={async () => {
            if (await run(() => caseAction(record.id, "calls", { callId: id }), "link_call")) {
              setCallId("");
              close();
            }
          }}
        >
          <TextField
            required
            type="number"
            label={translate("tthc.cases.dialogs.call_id")}
            value={callId}
            onChange={(event) => setCallId(event.target.value)}
            slotProps={{ htmlInput: { min: 1 } }}
          />
        </ActionDialog>
      )}
    />
  );
};

/** Assign to a staff member of the owning agency (or to oneself, or to nobody). */
export const AssignButton = () => {
  const record = useRecordContext<CaseDetail>();
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const { run, busy } = useRun();
  const [assignee, setAssignee] = useState<string>("");
  const { data: staff = [] } = useGetList<Staff>(
    "staff",
    { filter: { agencyId: record?.agencyId }, sort: { field: "name", order: "ASC" }, pagination: { page: 1, perPage: 200 } },
    { enabled: Boolean(record && isOpen(record.state)) },
  );
  if (!record || !isOpen(record.state)) return null;
  const put = (assigneeId: number | null) => () =>
    httpClient(`${API_URL}/cases/${encodeURIComponent(record.id)}`, { method: "PUT", body: JSON.stringify({ assigneeId }) });
  const current = assignee === "" ? String(record.assigneeId ?? "none") : assignee;
  return (
    <WithDialog
      label="tthc.cases.actions.assign"
      icon={<AssignmentIndIcon />}
      render={(open, close) => (
        <ActionDialog
          id="case-assign"
          open={open}
          onClose={close}
          busy={busy}
          ready
          submitLabel="tthc.cases.actions.assign"
          title={translate("tthc.cases.dialogs.assign_title", { code: record.code })}
          onSubmit={async () => {
            if (await run(put(current === "none" ? null : Number(current)), "assign")) close();
          }}
        >
          <TextField
            select
            label={translate("tthc.cases.dialogs.assignee")}
            value={current}
            onChange={(event) => setAssignee(event.target.value)}
          >
            <MenuItem value="none">{translate("tthc.cases.actions.unassign")}</MenuItem>
            {staff.map((member) => (
              <MenuItem key={member.id} value={String(member.id)}>
                {member.name}
              </MenuItem>
            ))}
            {/* The signed-in user, when they are not one of the agency's staff listed (a supervisor above it). */}
            {identity && !staff.some((member) => member.id === identity.id) && (
              <MenuItem value={String(identity.id)}>{`${identity.fullName ?? ""} (${translate("tthc.cases.actions.assign_me")})`}</MenuItem>
            )}
          </TextField>
        </ActionDialog>
      )}
    />
  );
};
