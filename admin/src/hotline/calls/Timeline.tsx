import { Box, Stack, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { TimelineItem } from "../../../../server/contract/hotline/call-log";
import { formatTime } from "./format";

type Translate = ReturnType<typeof useTranslate>;

/** One timeline item in the console's language; unknown types fall back to the server's English text. */
function describe(item: TimelineItem, translate: Translate): string {
  const p = item.params;
  const key = (k: string, options: Record<string, unknown> = {}) => translate(`tthc.calls.timeline.${k}`, { _: item.text, ...options });
  switch (item.type) {
    case "key":
      return p.digits === "" ? key("key_none") : key("key", { digits: p.digits });
    case "hours":
      return key("hours", { agency: p.agency, state: translate(`tthc.calls.timeline.${p.open ? "open" : "closed"}`) });
    case "routing": {
      const decision = translate(`tthc.calls.decisions.${String(p.decision)}`, { _: String(p.decision) });
      return p.staff
        ? key("routing_staff", { agency: p.agency, decision, staff: p.staff })
        : key("routing", { agency: p.agency, decision });
    }
    case "survey-answer": {
      const question = translate(`tthc.calls.questions.${String(p.question)}`, { _: String(p.question) });
      const answer = translate(`tthc.calls.${String(p.question)}.${String(p.value)}`, { _: String(p.value) });
      return key("survey-answer", { question, answer });
    }
    case "callback-request":
      return key("callback-request", { seconds: p.recordingSeconds });
    case "queue-position":
      return p.minutes === null ? key("queue-position", p) : key("queue-position_wait", p);
    case "queue-left":
      return key("queue-left", { outcome: translate(`tthc.calls.queue_left_outcomes.${String(p.outcome)}`, { _: String(p.outcome) }) });
    case "termination":
      return key("termination", { reason: translate(`tthc.calls.terminations.${String(p.reason)}`, { _: String(p.reason) }) });
    case "presence-toggle":
      return key("presence-toggle", { staff: p.staff ?? "—", state: translate(`tthc.staff.presence.${String(p.state)}`) });
    case "whisper-accept":
      return key("whisper-accept", { staff: p.staff ?? "—" });
    case "degraded":
      return key("degraded", { answer: translate(`tthc.calls.degraded_answers.${String(p.answer)}`, { _: String(p.answer) }) });
    case "node":
      // The step's title from the flow file; a version published before titles existed says its kind.
      return key("node", {
        title: p.title ?? translate(`tthc.flows.kinds.${String(p.kind)}`, { _: translate("tthc.calls.timeline.step") }),
      });
    case "status":
      return key("status", { status: translate(`tthc.calls.call_statuses.${String(p.status)}`, { _: String(p.status) }) });
    case "recording":
      return key("recording", { status: translate(`tthc.calls.recording_statuses.${String(p.status)}`, { _: String(p.status) }) });
    case "incoming":
    case "callback-request-queue":
    case "queue-joined":
    case "queue-connecting":
    case "queue-returned":
    case "topic":
    case "agency-selected":
    case "status-found":
    case "transferred":
    case "error":
      return key(item.type, p);
    default:
      return item.text;
  }
}

/** The call's events as a vertical list: time on the left, what happened on the right. */
export const Timeline = ({ items }: { items: TimelineItem[] }) => {
  const translate = useTranslate();
  if (items.length === 0) return <Typography color="text.secondary">{translate("tthc.calls.no_events")}</Typography>;
  return (
    <Stack component="ol" data-testid="call-timeline" sx={{ listStyle: "none", m: 0, p: 0 }}>
      {items.map((item, index) => (
        <Box
          component="li"
          // Items have no id of their own; their order never changes.
          // biome-ignore lint/suspicious/noArrayIndexKey: a call's timeline is append-only and never reordered
          key={`${item.at}-${index}`}
          sx={{
            display: "flex",
            gap: 2,
            py: 0.75,
            borderLeft: 2,
            borderColor: item.type === "error" ? "error.main" : "primary.light",
            pl: 2,
          }}
        >
          <Typography variant="body2" color="text.secondary" sx={{ minWidth: 72, fontVariantNumeric: "tabular-nums" }}>
            {formatTime(item.at)}
          </Typography>
          <Typography variant="body2">{describe(item, translate)}</Typography>
        </Box>
      ))}
    </Stack>
  );
};
