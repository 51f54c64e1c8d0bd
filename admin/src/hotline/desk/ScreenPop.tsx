// The screen-pop: who is calling and why, before answering (GET /api/desk/calls/:id/context): the
// number, topic, agency, time waited, the path through the menus, and this number's earlier calls
// (with their notes and survey answers) and open callback requests, as far as the user may see.
import { Alert, Box, Card, CardContent, Chip, Divider, List, ListItem, ListItemText, Stack, Typography } from "@mui/material";
import { useEffect, useState } from "react";
import { useLocaleState, useTranslate } from "react-admin";
import type { CallContext } from "../../../../server/contract/hotline/desk";
import { API_URL, httpClient } from "../../dataProvider";
import { formatDateTime, formatDuration } from "../calls/format";
import { categoryName } from "../note-categories/choices";
import { useSecondsSince } from "./useDesk";

export const ScreenPop = ({ callId, answeredAt }: { callId: number; answeredAt: string | null }) => {
  const translate = useTranslate();
  const [locale] = useLocaleState();
  const [context, setContext] = useState<CallContext | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setContext(null);
    setError(null);
    httpClient(`${API_URL}/desk/calls/${callId}/context`)
      .then(({ json }) => setContext(json as CallContext))
      .catch((failure: unknown) => setError(failure instanceof Error ? failure.message : String(failure)));
  }, [callId]);
  // While it rings the wait goes on; once answered it stops where it was.
  const sinceStart = useSecondsSince(answeredAt ? null : context?.startedAt);
  if (error) return <Alert severity="error">{translate(error, { _: error })}</Alert>;
  if (!context) return null;
  const waited = answeredAt ? context.waitedSeconds : (sinceStart ?? context.waitedSeconds);
  return (
    <Card variant="outlined" data-testid="screen-pop" aria-label={translate("tthc.desk.pop.title")}>
      <CardContent>
        <Typography variant="h6" component="h2" gutterBottom>
          {translate("tthc.desk.pop.title")}
        </Typography>
        <Box component="dl" sx={{ display: "grid", gridTemplateColumns: "max-content 1fr", columnGap: 2, rowGap: 0.5, m: 0 }}>
          <Typography component="dt" color="text.secondary">
            {translate("tthc.desk.pop.caller")}
          </Typography>
          <Typography component="dd" sx={{ m: 0, fontWeight: 600 }} data-testid="pop-caller">
            {context.withheld ? translate("tthc.desk.pop.withheld") : context.caller}
          </Typography>
          <Typography component="dt" color="text.secondary">
            {translate("tthc.desk.pop.topic")}
          </Typography>
          <Typography component="dd" sx={{ m: 0 }} data-testid="pop-topic">
            {context.topic ?? "—"}
          </Typography>
          <Typography component="dt" color="text.secondary">
            {translate("tthc.desk.pop.agency")}
          </Typography>
          <Typography component="dd" sx={{ m: 0 }}>
            {context.agencyName ?? "—"}
          </Typography>
          <Typography component="dt" color="text.secondary">
            {translate("tthc.desk.pop.waited")}
          </Typography>
          <Typography component="dd" sx={{ m: 0, fontVariantNumeric: "tabular-nums" }}>
            {formatDuration(waited)}
          </Typography>
        </Box>
        {context.ivrPath.length > 0 && (
          <Box sx={{ mt: 1 }}>
            <Typography variant="body2" color="text.secondary">
              {translate("tthc.desk.pop.ivr_path")}
            </Typography>
            <Stack direction="row" spacing={0.5} useFlexGap sx={{ flexWrap: "wrap" }}>
              {context.ivrPath.map((step, index) => (
                <Chip
                  // biome-ignore lint/suspicious/noArrayIndexKey: the path is fixed once read
                  key={index}
                  size="small"
                  variant={step.type === "key" ? "filled" : "outlined"}
                  label={
                    step.type === "key" ? translate("tthc.desk.pop.pressed", { digits: step.digits ?? "" }) : (step.title ?? step.node)
                  }
                />
              ))}
            </Stack>
          </Box>
        )}
        <Divider sx={{ my: 1.5 }} />
        <Typography variant="subtitle1" component="h3">
          {translate("tthc.desk.pop.history")}
        </Typography>
        {context.history.length === 0 ? (
          <Typography color="text.secondary">{translate("tthc.desk.pop.no_history")}</Typography>
        ) : (
          <List dense disablePadding data-testid="pop-history">
            {context.history.map((call) => (
              <ListItem key={call.id} disableGutters alignItems="flex-start">
                <ListItemText
                  primary={[formatDateTime(String(call.startedAt)), call.agencyName, call.topic].filter(Boolean).join(" · ")}
                  secondary={
                    <>
                      {call.notes.map((note, index) => (
                        // biome-ignore lint/suspicious/noArrayIndexKey: notes are listed in their order
                        <Box component="span" key={index} sx={{ display: "block" }}>
                          {note.categoryLabel ? categoryName(note.categoryLabel, locale) : "—"}: {note.question}
                          {note.answer ? ` → ${note.answer}` : ""} ({note.authorName})
                        </Box>
                      ))}
                      {call.surveyAnswers.length > 0 && (
                        <Box component="span" sx={{ display: "block" }}>
                          {translate("tthc.desk.pop.survey")}:{" "}
                          {call.surveyAnswers
                            .map(
                              (a) =>
                                `${translate(`tthc.calls.questions.${a.question}`, { _: a.question })}: ${translate(`tthc.calls.${a.question}.${a.value}`, { _: String(a.value) })}`,
                            )
                            .join("; ")}
                        </Box>
                      )}
                    </>
                  }
                />
              </ListItem>
            ))}
          </List>
        )}
        {context.callbacks.length > 0 && (
          <Box sx={{ mt: 1 }}>
            <Typography variant="subtitle1" component="h3">
              {translate("tthc.desk.pop.callbacks")}
            </Typography>
            {context.callbacks.map((callback) => (
              <Typography key={callback.id} variant="body2">
                {callback.agencyName} · {translate("tthc.desk.pop.due", { date: formatDateTime(String(callback.dueAt)) })}
              </Typography>
            ))}
          </Box>
        )}
      </CardContent>
    </Card>
  );
};
