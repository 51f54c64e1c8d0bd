import { Box, Chip, Divider, Stack, Typography } from "@mui/material";
import {
  BooleanField,
  Show,
  SimpleShowLayout,
  TextField,
  useCanAccess,
  useLocaleState,
  useRecordContext,
  useRefresh,
  useTranslate,
} from "react-admin";
import type { CallDetail, CallNote } from "../../../../server/contract/hotline/call-log";
import { DateTimeField } from "../../common/DateTimeField";
import { outOfReach } from "../../common/OutOfReach";
import { Section } from "../../common/Section";
import { TranslatedChip } from "../../common/TranslatedChip";
import { API_URL } from "../../dataProvider";
import { CasesOfCall } from "../cases/CasesOfCall";
import { CreateCaseButton } from "../cases/CreateCaseButton";
import { KnowledgeSearch } from "../knowledge";
import { categoryName } from "../note-categories/choices";
import { CallerField } from "./CallerField";
import { CallNoteForm } from "./CallNoteForm";
import { DurationField } from "./DurationField";
import { formatDateTime, formatDuration } from "./format";
import { Legs } from "./Legs";
import { LiveCallActions } from "./LiveCallActions";
import { Timeline } from "./Timeline";

/** Audio comes through the server (/api/recordings/:id/audio), which checks access and audits the listen. */
const Recordings = ({ call }: { call: CallDetail }) => {
  const translate = useTranslate();
  if (call.recordings.length === 0) return <Typography color="text.secondary">{translate("tthc.calls.no_recordings")}</Typography>;
  return (
    <Stack spacing={2}>
      {call.recordings.map((recording) => (
        <Box key={recording.id}>
          <Typography variant="body2" sx={{ mb: 0.5 }}>
            {translate(`tthc.calls.recording_kinds.${recording.kind}`, { _: recording.kind })} · {formatDuration(recording.durationSeconds)}
          </Typography>
          {recording.deleted || call.simulated ? (
            // A simulated call's recordings are stand-ins with no audio: a player would play nothing.
            <Typography color="text.secondary">
              {translate(call.simulated ? "tthc.calls.simulated_recording" : "tthc.calls.recording_deleted")}
            </Typography>
          ) : (
            // preload="none": nothing is fetched (or audited) until the user presses play.
            // biome-ignore lint/a11y/useMediaCaption: telephone recordings have no captions
            <audio controls preload="none" src={`${API_URL}/recordings/${recording.id}/audio`} style={{ width: "100%", maxWidth: 480 }} />
          )}
        </Box>
      ))}
    </Stack>
  );
};

const Survey = ({ call }: { call: CallDetail }) => {
  const translate = useTranslate();
  if (call.surveyAnswers.length === 0) {
    // Only a caller who was asked can have not answered; a voicemail (it leaves a callback) never reaches the survey.
    const reason = call.surveyOffered ? "no_answers" : call.callback ? "survey_not_offered_voicemail" : "survey_not_offered";
    return <Typography color="text.secondary">{translate(`tthc.calls.${reason}`)}</Typography>;
  }
  return (
    <Stack spacing={1}>
      {call.surveyAnswers.map((answer) => (
        <Stack key={answer.question} direction="row" spacing={1} sx={{ alignItems: "center" }}>
          <Typography variant="body2" sx={{ minWidth: 180 }}>
            {translate(`tthc.calls.questions.${answer.question}`, { _: answer.question })}
          </Typography>
          <Chip
            size="small"
            color={answer.question === "satisfaction" && answer.value === 3 ? "warning" : "default"}
            label={translate(`tthc.calls.${answer.question}.${answer.value}`, { _: String(answer.value) })}
          />
          <Typography variant="caption" color="text.secondary">
            {translate(`tthc.calls.channels.${answer.channel}`, { _: answer.channel })}
          </Typography>
        </Stack>
      ))}
    </Stack>
  );
};

/** A note's category (in the console's language), its kind, whether the question was resolved, and the texts. */
const NoteItem = ({ note, draft = false, callId }: { note: CallNote; draft?: boolean; callId?: number }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const label = note.categoryLabel;
  return (
    <Box data-testid={draft ? "my-draft" : "call-note"}>
      <Stack direction="row" spacing={1} sx={{ alignItems: "center", flexWrap: "wrap" }}>
        {draft && <Chip size="small" color="warning" variant="outlined" label={translate("tthc.notes.draft")} />}
        {label && <Chip size="small" label={categoryName(label, locale)} />}
        {label && <Chip size="small" variant="outlined" label={translate(`tthc.notes.kinds.${label.kind}`, { _: label.kind })} />}
        {!draft && (
          <Chip
            size="small"
            variant="outlined"
            color={note.resolved ? "success" : "default"}
            label={translate(note.resolved ? "tthc.notes.resolved_yes" : "tthc.notes.resolved_no")}
          />
        )}
        <Typography variant="caption" color="text.secondary">
          {note.authorName} · {formatDateTime(draft ? note.updatedAt : note.createdAt)}
        </Typography>
        {/* A final note whose question needs follow-up becomes a case (one per note). */}
        {!draft && callId !== undefined && (
          <CreateCaseButton
            origin={{ noteId: note.id, callId, kind: label?.kind ?? null, question: note.question }}
            label="tthc.cases.create_from_note"
          />
        )}
      </Stack>
      <Typography variant="body2" sx={{ whiteSpace: "pre-wrap", mt: 0.5 }}>
        <strong>{translate("tthc.notes.question")}:</strong> {note.question}
      </Typography>
      <Typography variant="body2" color={note.answer ? undefined : "text.secondary"} sx={{ whiteSpace: "pre-wrap", mt: 0.5 }}>
        <strong>{translate("tthc.notes.answer")}:</strong> {note.answer || translate("tthc.notes.no_answer")}
      </Typography>
    </Box>
  );
};

const Notes = ({ call }: { call: CallDetail }) => {
  const translate = useTranslate();
  const refresh = useRefresh();
  return (
    <>
      {call.notes.length === 0 ? (
        <Typography color="text.secondary">{translate("tthc.calls.no_notes")}</Typography>
      ) : (
        <Stack divider={<Divider flexItem />} spacing={1}>
          {call.notes.map((note) => (
            <NoteItem key={note.id} note={note} callId={call.id} />
          ))}
        </Stack>
      )}
      {/* The form restores the draft itself; shown here only to those who cannot write any more. */}
      {call.myDraft && !call.canAddNote && (
        <Box sx={{ mt: 2 }}>
          <Typography variant="subtitle2">{translate("tthc.notes.my_draft")}</Typography>
          <NoteItem note={call.myDraft} draft />
        </Box>
      )}
      {call.canAddNote && (
        <CallNoteForm
          callId={call.id}
          onFinished={() => refresh()}
          answerTools={(insertAnswer) => <KnowledgeSearch callId={call.id} onInsert={insertAnswer} />}
        />
      )}
    </>
  );
};

const Details = () => {
  const call = useRecordContext<CallDetail>();
  const translate = useTranslate();
  const { canAccess: canReadCases } = useCanAccess({ resource: "cases", action: "list" });
  // react-admin first shows the list's row (no timeline) while GET /api/calls/:id loads.
  if (!call?.timeline) return null;
  const callback = call.callback;
  return (
    <Box sx={{ p: 2 }}>
      <Section title="tthc.calls.sections.timeline">
        <Timeline items={call.timeline} />
      </Section>
      <Section title="tthc.legs.title">
        <Stack spacing={1}>
          <Legs call={call} />
          <LiveCallActions call={call} />
        </Stack>
      </Section>
      <Section title="tthc.calls.sections.recordings">
        <Recordings call={call} />
      </Section>
      <Section title="tthc.calls.sections.survey">
        <Survey call={call} />
      </Section>
      {callback && (
        <Section title="tthc.calls.sections.callback">
          <Typography variant="body2">
            {translate("tthc.calls.callback_summary", {
              agency: callback.agencyName,
              due: formatDateTime(callback.dueAt),
              status: translate(`tthc.calls.callback_statuses.${callback.status}`, { _: callback.status }),
              attempts: callback.attempts,
            })}
          </Typography>
        </Section>
      )}
      <Section title="tthc.calls.sections.notes">
        <Notes call={call} />
      </Section>
      {canReadCases && (
        <Section title="tthc.cases.sections.cases_of_call">
          <CasesOfCall callId={call.id} />
        </Section>
      )}
    </Box>
  );
};

const FlowVersion = (_props: { label?: string }) => {
  const call = useRecordContext<CallDetail>();
  return <Typography variant="body2">{call?.flowVersion ?? "—"}</Typography>;
};

export const CallShow = () => (
  <Show {...outOfReach}>
    <SimpleShowLayout
      sx={{ "& .RaSimpleShowLayout-stack": { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))", gap: 1 } }}
    >
      <DateTimeField source="startedAt" />
      <CallerField source="caller" />
      <TextField source="hotline" />
      <TextField source="agencyName" emptyText="—" />
      <TextField source="staffName" emptyText="—" />
      <TextField source="topic" emptyText="—" />
      <TranslatedChip source="termination" prefix="tthc.calls.terminations" />
      <DurationField source="ivrSeconds" />
      <DurationField source="queueSeconds" />
      <TranslatedChip source="queueOutcome" prefix="tthc.calls.queue_outcomes" />
      <DurationField source="ringSeconds" />
      <DurationField source="talkSeconds" />
      <BooleanField source="simulated" />
      <FlowVersion key="flowVersion" label="tthc.calls.flow_version" />
    </SimpleShowLayout>
    <Details />
  </Show>
);
