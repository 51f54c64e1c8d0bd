// "Bàn làm việc": a staff member's desk. Their state and where calls ring, the softphone, the
// screen-pop of a call ringing them (before they answer) or of the call they are on, the places for
// the note form and the transfer controls, and their lists: my calls, my agency's callback
// requests, the callers waiting for my agency; my open cases and, for supervisors, the overdue cases
// escalated to them (DeskCases.tsx).

import {
  Alert,
  Box,
  Card,
  CardContent,
  FormControl,
  FormControlLabel,
  FormLabel,
  List,
  ListItem,
  ListItemText,
  Radio,
  RadioGroup,
  Stack,
  Typography,
} from "@mui/material";
import { useEffect, useState } from "react";
import { Title, useGetIdentity, useGetList, useNotify, useTranslate } from "react-admin";
import type { Staff } from "../../../../server/contract/agencies/staff";
import { ANSWER_ON, type AnswerOn } from "../../../../server/contract/enums";
import type { DeskLists, DeskState } from "../../../../server/contract/hotline/desk";
import { PresenceChip } from "../../agencies/staff/PresenceChip";
import { PresenceControl } from "../../agencies/staff/PresenceControl";
import { usePresence } from "../../agencies/staff/usePresence";
import { API_URL, httpClient } from "../../dataProvider";
import { CallNoteForm } from "../calls";
import { formatDateTime, formatDuration } from "../calls/format";
import { KnowledgeSearch } from "../knowledge";
import { CallbackPanel } from "./CallbackPanel";
import { EscalatedCases, MyCases } from "./DeskCases";
import { ScreenPop } from "./ScreenPop";
import { Softphone } from "./Softphone";
import { TransferButton } from "./transfer";
import { useDeskState, useSoftphone } from "./useDesk";

const Section = ({ title, children, testId }: { title: string; children: React.ReactNode; testId?: string }) => (
  <Card variant="outlined" data-testid={testId}>
    <CardContent>
      <Typography variant="h6" component="h2" gutterBottom>
        {title}
      </Typography>
      {children}
    </CardContent>
  </Card>
);

const MyState = ({ desk, onChanged }: { desk: DeskState; onChanged: () => Promise<unknown> }) => {
  const translate = useTranslate();
  const notify = useNotify();
  const { identity } = useGetIdentity();
  const { data, refetch } = useGetList<Staff>(
    "staff",
    { filter: { id: [identity?.id] }, sort: { field: "id", order: "ASC" }, pagination: { page: 1, perPage: 1 } },
    { enabled: identity?.id != null, refetchInterval: 5000 },
  );
  const { pending, choose } = usePresence(refetch);
  const me = data?.[0];
  const chooseAnswerOn = async (answerOn: AnswerOn) => {
    if (!me) return;
    try {
      await httpClient(`${API_URL}/staff/${me.id}/answer-on`, { method: "PUT", body: JSON.stringify({ answerOn }) });
      notify("tthc.desk.answer_on.saved", { type: "success" });
      await Promise.all([refetch(), onChanged()]);
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    }
  };
  return (
    <Section title={translate("tthc.desk.presence")} testId="desk-presence">
      {me && (
        <Stack spacing={1.5}>
          <PresenceChip staff={me} />
          <PresenceControl staff={me} disabled={pending != null} choose={choose} />
          <FormControl>
            <FormLabel id="answer-on-label">{translate("tthc.desk.answer_on.label")}</FormLabel>
            <RadioGroup
              aria-labelledby="answer-on-label"
              value={desk.answerOn}
              onChange={(event) => void chooseAnswerOn(event.target.value as AnswerOn)}
            >
              {ANSWER_ON.map((choice) => (
                <FormControlLabel key={choice} value={choice} control={<Radio />} label={translate(`tthc.desk.answer_on.${choice}`)} />
              ))}
            </RadioGroup>
          </FormControl>
          {desk.answerOn === "phone" && !me.phone && <Alert severity="warning">{translate("tthc.desk.answer_on.no_phone")}</Alert>}
        </Stack>
      )}
    </Section>
  );
};

const Lists = ({ refreshKey }: { refreshKey: string }) => {
  const translate = useTranslate();
  const [lists, setLists] = useState<DeskLists | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a call starting or ending (refreshKey) reloads the lists
  useEffect(() => {
    let stale = false;
    const load = () =>
      httpClient(`${API_URL}/desk/lists`)
        .then(({ json }) => {
          if (!stale) setLists(json as DeskLists);
        })
        .catch(() => {});
    void load();
    const timer = setInterval(load, 15_000);
    return () => {
      stale = true;
      clearInterval(timer);
    };
  }, [refreshKey]);
  if (!lists) return null;
  return (
    <Stack spacing={2}>
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "repeat(2, 1fr)" }, gap: 2 }}>
        <Section title={translate("tthc.desk.my_cases")} testId="desk-my-cases">
          <MyCases cases={lists.myCases} />
        </Section>
        {lists.escalatedCases && (
          <Section title={translate("tthc.desk.escalated_cases")} testId="desk-escalated-cases">
            <EscalatedCases escalated={lists.escalatedCases} />
          </Section>
        )}
      </Box>
      <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "repeat(3, 1fr)" }, gap: 2 }}>
        <Section title={translate("tthc.desk.my_calls")} testId="desk-my-calls">
          {lists.myCalls.length === 0 ? (
            <Typography color="text.secondary">{translate("tthc.desk.no_calls")}</Typography>
          ) : (
            <List dense disablePadding>
              {lists.myCalls.map((call) => (
                <ListItem key={call.id} disableGutters component="a" href={`#/calls/${call.id}/show`}>
                  <ListItemText
                    primary={`${formatDateTime(String(call.startedAt))} · ${call.caller}`}
                    secondary={[
                      call.topic,
                      call.talkSeconds != null ? formatDuration(call.talkSeconds) : null,
                      call.termination ? translate(`tthc.calls.terminations.${call.termination}`) : null,
                      call.notes > 0 ? translate("tthc.desk.notes_count", { count: call.notes }) : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Section>
        <Section title={translate("tthc.desk.my_callbacks")} testId="desk-callbacks">
          {lists.callbacks.length === 0 ? (
            <Typography color="text.secondary">{translate("tthc.desk.no_callbacks")}</Typography>
          ) : (
            <List dense disablePadding>
              {lists.callbacks.map((request) => (
                <ListItem key={request.id} disableGutters component="a" href={`#/callback-requests/${request.id}`}>
                  <ListItemText
                    primary={request.phone}
                    secondary={[
                      translate("tthc.desk.pop.due", { date: formatDateTime(String(request.dueAt)) }),
                      request.claimedByMe ? translate("tthc.callbacks.mine") : null,
                    ]
                      .filter(Boolean)
                      .join(" · ")}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Section>
        <Section title={translate("tthc.desk.waiting")} testId="desk-waiting">
          {lists.waiting.length === 0 ? (
            <Typography color="text.secondary">{translate("tthc.desk.nobody_waiting")}</Typography>
          ) : (
            <List dense disablePadding>
              {lists.waiting.map((entry) => (
                <ListItem key={entry.entryId} disableGutters>
                  <ListItemText
                    primary={[entry.topic, formatDateTime(String(entry.enqueuedAt))].filter(Boolean).join(" · ")}
                    secondary={entry.connecting ? translate("tthc.desk.connecting") : entry.agencyName}
                  />
                </ListItem>
              ))}
            </List>
          )}
        </Section>
      </Box>
    </Stack>
  );
};

export const DeskPage = () => {
  const translate = useTranslate();
  const { state, reload } = useDeskState();
  const phone = useSoftphone(state?.answerOn === "browser", state);
  // The call shown: the one I am on, else the first ringing me. Kept after the call for after-call work.
  const shown = state?.current ?? state?.offers[0] ?? null;
  const [lastCallId, setLastCallId] = useState<number | null>(null);
  useEffect(() => {
    if (state?.current) setLastCallId(state.current.callId);
  }, [state?.current]);
  const noteCallId = state?.current?.callId ?? lastCallId;
  return (
    <Box sx={{ p: { xs: 1, sm: 2 } }}>
      <Title title={translate("tthc.desk.title")} />
      {state && (
        <Stack spacing={2}>
          <Box
            sx={{
              display: "grid",
              gridTemplateColumns: { xs: "1fr", md: "minmax(260px, 1fr) minmax(300px, 1.2fr) minmax(320px, 2fr)" },
              gap: 2,
            }}
          >
            <MyState desk={state} onChanged={reload} />
            <Stack spacing={1}>
              <Softphone phone={phone} desk={state} />
              {state.callback && <CallbackPanel callback={state.callback} simulated={phone.device?.kind !== "twilio"} />}
            </Stack>
            {shown ? (
              <ScreenPop
                key={shown.callId}
                callId={shown.callId}
                answeredAt={state.current?.callId === shown.callId ? String(state.current.since) : null}
              />
            ) : (
              <Box />
            )}
          </Box>
          {noteCallId !== null && (
            <Box sx={{ display: "grid", gridTemplateColumns: { xs: "1fr", md: "2fr 1fr" }, gap: 2 }}>
              {/* The note is written during the call (saved as a draft) and finished in after-call work. */}
              <Section title={translate("tthc.desk.pop.notes")} testId="desk-note">
                <CallNoteForm
                  key={noteCallId}
                  callId={noteCallId}
                  live={state.current?.callId === noteCallId}
                  answerTools={(insertAnswer) => <KnowledgeSearch callId={noteCallId} onInsert={insertAnswer} />}
                />
              </Section>
              {/* Passing the call on (hold is in the softphone): only while the staff member is on it. */}
              {state.current && (
                <Section title={translate("tthc.desk.softphone.on_call")} testId="desk-transfer">
                  <TransferButton callId={state.current.callId} onLeft={reload} />
                </Section>
              )}
            </Box>
          )}
          <Lists refreshKey={`${state.current?.callId ?? ""}`} />
        </Stack>
      )}
    </Box>
  );
};
