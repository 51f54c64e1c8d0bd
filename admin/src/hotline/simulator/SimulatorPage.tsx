// "Thử cuộc gọi": a phone keypad to script the caller's keys, the staff's choice, and the transcript
// of the call the server ran through its own webhooks, with a link to the call's record.
import BackspaceIcon from "@mui/icons-material/Backspace";
import PhoneInTalkIcon from "@mui/icons-material/PhoneInTalk";
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  CircularProgress,
  FormControlLabel,
  FormLabel,
  Link,
  Radio,
  RadioGroup,
  TextField,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { HttpError, Title, useNotify, useTranslate } from "react-admin";
import type { SimulationRequest, SimulationResult } from "../../../../server/contract/hotline/simulator";
import { runSimulation } from "./api";
import { ScenarioForm } from "./ScenarioForm";
import { Transcript } from "./Transcript";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const MAX_ENTRIES = 20;

const parse = (text: string) => (text.trim() === "" ? [] : text.split(",").map((k) => k.trim()));
const valid = (entries: string[]) => entries.length <= MAX_ENTRIES && entries.every((k) => /^[0-9*#]{0,20}$/.test(k));

export const SimulatorPage = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const [text, setText] = useState("");
  const [staff, setStaff] = useState<SimulationRequest["staff"]>("answer");
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<SimulationResult | null>(null);
  const entries = parse(text);
  const ok = valid(entries);

  const push = (key: string) => setText((current) => (current === "" && key !== "" ? key : `${current},${key}`));
  const removeLast = () => setText((current) => parse(current).slice(0, -1).join(","));

  const run = async () => {
    setRunning(true);
    setResult(null);
    try {
      setResult(await runSimulation({ digits: entries, staff }));
    } catch (error) {
      const busy = error instanceof HttpError && error.status === 429;
      notify(busy ? "tthc.simulator.busy" : "tthc.simulator.failed", { type: "error" });
    } finally {
      setRunning(false);
    }
  };

  const outcome = result?.outcome;
  return (
    <Box sx={{ mt: 2, display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "340px 1fr" }, alignItems: "start" }}>
      <Title title="tthc.simulator.title" />
      <Card>
        <CardContent sx={{ display: "grid", gap: 2 }}>
          <Typography variant="body2" color="text.secondary">
            {translate("tthc.simulator.intro")}
          </Typography>
          <TextField
            label={translate("tthc.simulator.keys")}
            value={text}
            onChange={(event) => setText(event.target.value)}
            error={!ok}
            helperText={translate("tthc.simulator.keys_hint")}
            size="small"
            slotProps={{ htmlInput: { inputMode: "tel", "data-testid": "digits" } }}
          />
          <Box sx={{ display: "flex", gap: 0.5, flexWrap: "wrap", minHeight: 24 }}>
            {entries.map((k, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: the same key may be pressed twice
              <Chip key={`${i}-${k}`} size="small" label={k === "" ? "∅" : k} />
            ))}
          </Box>
          <Box sx={{ display: "grid", gridTemplateColumns: "repeat(3, 1fr)", gap: 1 }}>
            {KEYS.map((key) => (
              <Button
                key={key}
                variant="outlined"
                onClick={() => push(key)}
                aria-label={translate("tthc.simulator.key", { key })}
                sx={{ fontSize: 20, py: 1 }}
              >
                {key}
              </Button>
            ))}
          </Box>
          <Box sx={{ display: "flex", gap: 1, flexWrap: "wrap" }}>
            <Button size="small" onClick={() => push("")}>
              {translate("tthc.simulator.silence")}
            </Button>
            <Button size="small" onClick={removeLast} startIcon={<BackspaceIcon />} aria-label={translate("tthc.simulator.remove_last")}>
              {translate("tthc.simulator.remove_last")}
            </Button>
            <Button size="small" onClick={() => setText("")}>
              {translate("tthc.simulator.clear")}
            </Button>
          </Box>
          <Box>
            <FormLabel id="simulator-staff">{translate("tthc.simulator.staff")}</FormLabel>
            <RadioGroup
              aria-labelledby="simulator-staff"
              value={staff}
              onChange={(event) => setStaff(event.target.value as SimulationRequest["staff"])}
            >
              <FormControlLabel value="answer" control={<Radio size="small" />} label={translate("tthc.simulator.staff_answer")} />
              <FormControlLabel value="no-answer" control={<Radio size="small" />} label={translate("tthc.simulator.staff_no_answer")} />
            </RadioGroup>
          </Box>
          <Button
            variant="contained"
            onClick={run}
            disabled={running || !ok}
            startIcon={running ? <CircularProgress size={16} /> : <PhoneInTalkIcon />}
          >
            {translate(running ? "tthc.simulator.running" : "tthc.simulator.run")}
          </Button>
        </CardContent>
      </Card>
      <Card>
        <CardContent>
          <Typography variant="h6" gutterBottom>
            {translate("tthc.simulator.transcript")}
          </Typography>
          {outcome && (
            <Alert severity={outcome.termination === "answered" ? "success" : "info"} sx={{ mb: 2 }}>
              <Typography variant="subtitle2">{translate("tthc.simulator.outcome")}</Typography>
              <Typography variant="body2">
                {translate("tthc.simulator.termination")}:{" "}
                {outcome.termination ? translate(`tthc.simulator.terminations.${outcome.termination}`, { _: outcome.termination }) : "—"}
              </Typography>
              <Typography variant="body2">
                {translate("tthc.simulator.agency")}: {outcome.agency ? `${outcome.agency.name} (${outcome.agency.code})` : "—"}
              </Typography>
              <Typography variant="body2">
                {translate("tthc.simulator.topic")}: {outcome.topic ?? "—"}
              </Typography>
              <Typography variant="body2">
                {translate("tthc.simulator.flow_version")}: {outcome.flowVersion ?? "—"}
              </Typography>
              {outcome.routing.length > 0 && (
                <Typography variant="body2">
                  {translate("tthc.simulator.routing")}:{" "}
                  {outcome.routing
                    .map((r) => `${r.agencyCode} → ${translate(`tthc.simulator.decisions.${r.decision}`, { _: r.decision })}`)
                    .join("; ")}
                </Typography>
              )}
              <Link href={`#/calls/${outcome.callId}/show`}>{translate("tthc.simulator.open_call", { id: outcome.callId })}</Link>
            </Alert>
          )}
          {result ? <Transcript steps={result.steps} /> : running && <CircularProgress size={24} />}
        </CardContent>
      </Card>
      <ScenarioForm />
    </Box>
  );
};
