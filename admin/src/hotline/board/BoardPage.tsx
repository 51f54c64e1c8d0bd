// The supervisors' live board: the callers waiting now, the staff by state, and the day's figures,
// replaced whenever the server pushes a new board (useBoardStream) and ticking every second between
// pushes. Administrators choose an agency (or the province); supervisors see their own subtree.
// Cards and lists wrap into one column on a phone.
import { Alert, Box, Card, CardContent, Chip, LinearProgress, List, ListItem, MenuItem, Stack, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { Title, useGetIdentity, useGetList, useTranslate } from "react-admin";
import type { Board, BoardStaffMember } from "../../../../server/contract/hotline/board";
import { formatDuration, formatNumber, formatPercent } from "../calls/format";
import { type StreamStatus, useBoardStream, useServerNow } from "./useBoardStream";

const STATE_COLORS: Record<string, "success" | "primary" | "info" | "warning" | "default"> = {
  available: "success",
  on_call: "primary",
  wrap_up: "info",
  away: "warning",
  offline: "default",
};

const secondsSince = (iso: string, now: number) => Math.max(0, (now - Date.parse(iso)) / 1000);

const Figure = ({ label, value, testId, hint }: { label: string; value: string; testId: string; hint?: string }) => (
  <Card variant="outlined" data-testid={testId}>
    <CardContent sx={{ py: 1.5, "&:last-child": { pb: 1.5 } }}>
      <Typography variant="body2" component="div" color="text.secondary">
        {label}
      </Typography>
      <Typography variant="h5" component="p" sx={{ fontVariantNumeric: "tabular-nums" }}>
        {value}
      </Typography>
      {hint && (
        <Typography variant="caption" color="text.secondary">
          {hint}
        </Typography>
      )}
    </CardContent>
  </Card>
);

const Figures = ({ board, now }: { board: Board; now: number }) => {
  const translate = useTranslate();
  const longest = board.waiting[0];
  const { today } = board;
  return (
    <Box sx={{ display: "grid", gridTemplateColumns: "repeat(auto-fill, minmax(160px, 1fr))", gap: 1.5, mb: 2 }}>
      <Figure testId="board-waiting" label={translate("tthc.board.waiting")} value={formatNumber(board.waiting.length)} />
      <Figure
        testId="board-longest-wait"
        label={translate("tthc.board.longest_wait")}
        value={longest ? formatDuration(secondsSince(String(longest.enqueuedAt), now)) : "—"}
      />
      <Figure testId="board-calls" label={translate("tthc.board.calls_today")} value={formatNumber(today.calls)} />
      <Figure testId="board-answered" label={translate("tthc.board.answered")} value={formatNumber(today.answered)} />
      <Figure testId="board-abandoned" label={translate("tthc.board.abandoned")} value={formatNumber(today.abandoned)} />
      <Figure testId="board-answer-rate" label={translate("tthc.board.answer_rate")} value={formatPercent(today.answerRate)} />
      <Figure
        testId="board-service-level"
        label={translate("tthc.board.service_level", { seconds: board.serviceLevelSeconds })}
        value={formatPercent(today.serviceLevel)}
      />
      <Figure testId="board-callbacks-due" label={translate("tthc.board.callbacks_due")} value={formatNumber(board.callbacksDue)} />
    </Box>
  );
};

const WaitingList = ({ board, now }: { board: Board; now: number }) => {
  const translate = useTranslate();
  return (
    <Card variant="outlined" sx={{ mb: 2 }}>
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate("tthc.board.waiting_title")}
        </Typography>
        {board.waiting.length === 0 ? (
          <Typography color="text.secondary" data-testid="board-nobody-waiting">
            {translate("tthc.board.nobody_waiting")}
          </Typography>
        ) : (
          <List dense disablePadding aria-label={translate("tthc.board.waiting_title")}>
            {board.waiting.map((caller, index) => (
              <ListItem
                key={caller.entryId}
                disableGutters
                divider
                sx={{ flexWrap: "wrap", columnGap: 1 }}
                data-testid="board-waiting-caller"
              >
                <Typography sx={{ minWidth: 32, fontWeight: "bold" }}>{index + 1}</Typography>
                <Typography sx={{ flex: "1 1 160px" }}>{caller.agencyName}</Typography>
                {caller.connecting && <Chip size="small" color="primary" label={translate("tthc.board.connecting")} />}
                <Typography sx={{ fontVariantNumeric: "tabular-nums" }}>
                  {translate("tthc.board.waited", { time: formatDuration(secondsSince(String(caller.enqueuedAt), now)) })}
                </Typography>
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
};

const AwayReason = ({ member }: { member: BoardStaffMember }) => {
  const translate = useTranslate();
  if (member.state !== "away" || !member.awayReason) return null;
  const reason = member.awayReason === "missed_rings" ? translate("tthc.board.missed_rings") : member.awayReason;
  return (
    <Typography variant="body2" color="warning.main" sx={{ flexBasis: "100%" }}>
      {reason}
    </Typography>
  );
};

const StaffList = ({ board, now }: { board: Board; now: number }) => {
  const translate = useTranslate();
  const states = ["available", "on_call", "wrap_up", "away", "offline"];
  return (
    <Card variant="outlined">
      <CardContent>
        <Typography variant="h6" component="h2">
          {translate("tthc.board.staff_title")}
        </Typography>
        <Stack direction="row" sx={{ flexWrap: "wrap", gap: 1, my: 1 }} data-testid="board-staff-counts">
          {states.map((state) => (
            <Chip
              key={state}
              color={STATE_COLORS[state]}
              variant={state === "offline" ? "outlined" : "filled"}
              label={`${translate(`tthc.board.states.${state}`)}: ${formatNumber(board.staffCounts[state] ?? 0)}`}
            />
          ))}
        </Stack>
        {board.staff.length === 0 ? (
          <Typography color="text.secondary">{translate("tthc.board.nobody_working")}</Typography>
        ) : (
          <List dense disablePadding aria-label={translate("tthc.board.staff_title")}>
            {board.staff.map((member) => (
              <ListItem key={member.id} disableGutters divider sx={{ flexWrap: "wrap", columnGap: 1 }} data-testid="board-staff-member">
                <Box sx={{ flex: "1 1 180px" }}>
                  <Typography>{member.name}</Typography>
                  <Typography variant="caption" color="text.secondary">
                    {member.agencyName}
                  </Typography>
                </Box>
                <Chip size="small" color={STATE_COLORS[member.state]} label={translate(`tthc.board.states.${member.state}`)} />
                <Typography sx={{ fontVariantNumeric: "tabular-nums", minWidth: 64, textAlign: "right" }}>
                  {formatDuration(secondsSince(String(member.since), now))}
                </Typography>
                <AwayReason member={member} />
              </ListItem>
            ))}
          </List>
        )}
      </CardContent>
    </Card>
  );
};

const StatusLine = ({ status }: { status: StreamStatus }) => {
  const translate = useTranslate();
  if (status === "live") return null;
  if (status === "closed") return <Alert severity="error">{translate("tthc.board.closed")}</Alert>;
  if (status === "reconnecting") return <Alert severity="warning">{translate("tthc.board.reconnecting")}</Alert>;
  return <LinearProgress />;
};

/** The agency picker of administrators: the province, or one agency with its subtree. */
const AgencyPicker = ({ value, onChange }: { value: number | null; onChange: (id: number | null) => void }) => {
  const translate = useTranslate();
  const { data = [] } = useGetList<{ id: number; name: string }>("agencies", {
    pagination: { page: 1, perPage: 1000 },
    sort: { field: "name", order: "ASC" },
  });
  return (
    <TextField
      select
      size="small"
      label={translate("tthc.board.agency")}
      value={value === null ? "" : String(value)}
      onChange={(event) => onChange(event.target.value === "" ? null : Number(event.target.value))}
      sx={{ minWidth: 260, maxWidth: "100%" }}
      slotProps={{ select: { displayEmpty: true }, inputLabel: { shrink: true } }}
    >
      <MenuItem value="">{translate("tthc.board.province")}</MenuItem>
      {data.map((agency) => (
        <MenuItem key={agency.id} value={String(agency.id)}>
          {agency.name}
        </MenuItem>
      ))}
    </TextField>
  );
};

export const BoardPage = () => {
  const translate = useTranslate();
  const { identity } = useGetIdentity();
  const isAdmin = Array.isArray(identity?.roles) && identity.roles.includes("admin");
  const [agencyId, setAgencyId] = useState<number | null>(null);
  const { board, status, clockOffsetMs } = useBoardStream(agencyId);
  const now = useServerNow(clockOffsetMs);

  return (
    <Box sx={{ mt: 2 }}>
      <Title title="tthc.board.title" />
      <Stack direction="row" sx={{ flexWrap: "wrap", alignItems: "center", gap: 2, mb: 2 }}>
        <Typography variant="h6" component="h1" data-testid="board-scope">
          {board ? (board.agencyName ?? translate("tthc.board.province")) : translate("tthc.board.title")}
        </Typography>
        {isAdmin && <AgencyPicker value={agencyId} onChange={setAgencyId} />}
      </Stack>
      <StatusLine status={status} />
      {board && (
        <>
          <Figures board={board} now={now} />
          <WaitingList board={board} now={now} />
          <StaffList board={board} now={now} />
        </>
      )}
    </Box>
  );
};
