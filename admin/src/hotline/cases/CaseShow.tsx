import { Alert, Box, Chip, Divider, Stack, Typography } from "@mui/material";
import {
  EditButton,
  Link,
  NumberField,
  Show,
  SimpleShowLayout,
  TextField,
  TopToolbar,
  usePermissions,
  useRecordContext,
  useTranslate,
} from "react-admin";
import type { CaseDetail, CaseEvent } from "../../../../server/contract/hotline/cases";
import { can } from "../../access/can";
import { DateTimeField } from "../../common/DateTimeField";
import { outOfReach } from "../../common/OutOfReach";
import { Section } from "../../common/Section";
import { TranslatedChip } from "../../common/TranslatedChip";
import { formatDateTime } from "../calls/format";
import { AnswerButton, AssignButton, CloseButton, LinkCallButton, ReopenButton, TransferButton } from "./CaseActions";
import { isOpen } from "./choices";
import { DueDateField, StateChip } from "./StateChip";

const Actions = () => {
  const record = useRecordContext<CaseDetail>();
  // The list's row stands in while GET /api/cases/:id loads; only the detail says whether this user
  // may work the case (the server's reach: an agency that passed it on reads it, read-only).
  if (record?.workable !== true) return <TopToolbar />;
  return (
    <TopToolbar>
      {isOpen(record.state) && <EditButton />}
      <AssignButton />
      <TransferButton />
      <AnswerButton />
      <CloseButton />
      <ReopenButton />
      <LinkCallButton />
    </TopToolbar>
  );
};

const Empty = ({ text }: { text: string }) => {
  const translate = useTranslate();
  return <Typography color="text.secondary">{translate(text)}</Typography>;
};

/** One history event in the console's language: what, who, why. */
const EventItem = ({ event }: { event: CaseEvent }) => {
  const translate = useTranslate();
  const state = (s: string | null) => (s ? translate(`tthc.cases.states.${s}`, { _: s }) : "—");
  const text = translate(`tthc.cases.events.${event.type}`, {
    _: event.type,
    from: event.type === "transferred" ? (event.fromAgency?.name ?? "—") : state(event.fromState),
    to: event.type === "transferred" ? (event.toAgency?.name ?? "—") : state(event.toState),
  });
  return (
    <Box component="li" sx={{ display: "flex", gap: 2, py: 0.5 }} data-testid="case-event">
      <Typography variant="body2" color="text.secondary" sx={{ minWidth: 150 }}>
        {formatDateTime(event.createdAt)}
      </Typography>
      <Box>
        <Typography variant="body2">
          {text}
          {event.actorName && (
            <Typography component="span" variant="body2" color="text.secondary">
              {" "}
              · {translate("tthc.cases.by", { name: event.actorName })}
            </Typography>
          )}
        </Typography>
        {event.reason && (
          <Typography variant="body2" color="text.secondary" sx={{ whiteSpace: "pre-wrap" }}>
            {translate("tthc.cases.reason")}: {event.reason}
          </Typography>
        )}
      </Box>
    </Box>
  );
};

const Details = () => {
  const record = useRecordContext<CaseDetail>();
  const translate = useTranslate();
  const { permissions } = usePermissions();
  // react-admin first shows the list's row (no history) while GET /api/cases/:id loads.
  if (!record?.events) return null;
  return (
    <Box sx={{ p: 2 }}>
      {!record.workable && can(permissions, "cases", "edit") && (
        <Alert severity="info" data-testid="case-read-only">
          {translate("tthc.cases.read_only")}
        </Alert>
      )}
      <Section title="tthc.cases.sections.question">
        <Typography sx={{ whiteSpace: "pre-wrap" }}>{record.question}</Typography>
      </Section>
      <Section title="tthc.cases.sections.answer">
        {record.answer ? (
          <Stack spacing={0.5}>
            <Typography sx={{ whiteSpace: "pre-wrap" }} data-testid="case-answer">
              {record.answer}
            </Typography>
            {record.answeredAt && (
              <Typography variant="caption" color="text.secondary">
                {formatDateTime(record.answeredAt)}
              </Typography>
            )}
          </Stack>
        ) : (
          <Empty text="tthc.cases.no_answer" />
        )}
      </Section>
      <Section title="tthc.cases.sections.history">
        {record.events.length === 0 ? (
          <Empty text="tthc.cases.no_events" />
        ) : (
          <Stack component="ol" divider={<Divider flexItem />} sx={{ listStyle: "none", m: 0, p: 0 }} data-testid="case-history">
            {record.events.map((event) => (
              <EventItem key={event.id} event={event} />
            ))}
          </Stack>
        )}
      </Section>
      <Section title="tthc.cases.sections.calls">
        {record.calls.length === 0 ? (
          <Empty text="tthc.cases.no_calls" />
        ) : (
          <Stack spacing={0.5}>
            {record.calls.map((call) => (
              <Typography key={call.callId} variant="body2">
                <Link to={`/calls/${call.callId}/show`}>#{call.callId}</Link> · {formatDateTime(call.startedAt)}
              </Typography>
            ))}
          </Stack>
        )}
      </Section>
      <Section title="tthc.cases.sections.sms">
        {record.sms.length === 0 ? (
          <Empty text="tthc.cases.no_sms" />
        ) : (
          <Stack spacing={0.5}>
            {record.sms.map((sms) => (
              <Stack key={`${sms.purpose}-${sms.createdAt}`} direction="row" spacing={1} sx={{ alignItems: "center" }}>
                <Typography variant="body2" sx={{ minWidth: 150 }} color="text.secondary">
                  {formatDateTime(sms.createdAt)}
                </Typography>
                <Typography variant="body2">{translate(`tthc.cases.sms_purposes.${sms.purpose}`, { _: sms.purpose })}</Typography>
                <Chip size="small" variant="outlined" label={translate(`tthc.cases.sms_statuses.${sms.status}`, { _: sms.status })} />
              </Stack>
            ))}
          </Stack>
        )}
      </Section>
    </Box>
  );
};

const CaseTitle = () => {
  const record = useRecordContext<CaseDetail>();
  const translate = useTranslate();
  return (
    <>
      {translate("resources.cases.name", { smart_count: 1 })} {record?.code ?? ""}
    </>
  );
};

export const CaseShow = () => (
  <Show actions={<Actions />} title={<CaseTitle />} {...outOfReach}>
    <SimpleShowLayout
      sx={{ "& .RaSimpleShowLayout-stack": { display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(220px, 1fr))", gap: 1 } }}
    >
      <TextField source="code" />
      <StateChip source="state" />
      <TranslatedChip source="kind" prefix="tthc.cases.kinds" />
      <TextField source="phone" />
      <TextField source="citizenName" emptyText="—" />
      <TextField source="agencyName" />
      <TextField source="assigneeName" emptyText="—" />
      <DueDateField source="dueDate" />
      <TranslatedChip source="source" prefix="tthc.cases.sources" />
      <TextField source="topic" emptyText="—" />
      <TextField source="procedureName" emptyText="—" />
      <NumberField source="escalationLevel" />
      <DateTimeField source="createdAt" />
      <DateTimeField source="closedAt" emptyText="—" />
    </SimpleShowLayout>
    <Details />
  </Show>
);
