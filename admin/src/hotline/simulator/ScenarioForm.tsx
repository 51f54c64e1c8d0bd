// "Nhiều cuộc gọi cùng lúc": starts a scenario of many simulated calls on the server, in real time and
// in the background, and sends the supervisor to the live board to watch it fill and empty.
import GroupsIcon from "@mui/icons-material/Groups";
import { Alert, Box, Button, Card, CardContent, Link, MenuItem, TextField, Typography } from "@mui/material";
import { useState } from "react";
import { HttpError, useGetList, useNotify, useTranslate } from "react-admin";
import { startScenario } from "./api";

const NUMBERS = [
  ["callers", 6, 1, 30],
  ["staff", 2, 1, 10],
  ["answerAfterSeconds", 3, 0, 60],
  ["talkSeconds", 20, 1, 600],
  ["pressOne", 1, 0, 30],
  ["hangUp", 1, 0, 30],
] as const;
type NumberField = (typeof NUMBERS)[number][0];

export const ScenarioForm = () => {
  const translate = useTranslate();
  const notify = useNotify();
  const { data: agencies = [] } = useGetList("agencies", { pagination: { page: 1, perPage: 500 }, sort: { field: "name", order: "ASC" } });
  const [agencyId, setAgencyId] = useState<number | "">("");
  const [keys, setKeys] = useState("2,1");
  const [values, setValues] = useState<Record<NumberField, string>>(
    Object.fromEntries(NUMBERS.map(([name, initial]) => [name, String(initial)])) as Record<NumberField, string>,
  );
  const [started, setStarted] = useState<number | null>(null);
  const [running, setRunning] = useState(false);

  const digits = keys.split(",").map((k) => k.trim());
  const keysOk = keys.trim() !== "" && digits.every((k) => /^[0-9*#]{0,20}$/.test(k));
  const numberOk = (name: NumberField, min: number, max: number) => {
    const n = Number(values[name]);
    return values[name].trim() !== "" && Number.isFinite(n) && n >= min && n <= max;
  };
  const ok = agencyId !== "" && keysOk && NUMBERS.every(([name, , min, max]) => numberOk(name, min, max));

  const start = async () => {
    if (agencyId === "") return;
    setRunning(true);
    try {
      const n = (name: NumberField) => Number(values[name]);
      const result = await startScenario({
        agencyId,
        digits,
        callers: n("callers"),
        staff: n("staff"),
        answerAfterSeconds: n("answerAfterSeconds"),
        talkSeconds: n("talkSeconds"),
        pressOne: n("pressOne"),
        hangUp: n("hangUp"),
      });
      setStarted(Math.max(1, Math.ceil(result.expectedSeconds / 60)));
    } catch (error) {
      const busy = error instanceof HttpError && error.status === 429;
      notify(busy ? "tthc.simulator.scenario.busy" : "tthc.simulator.scenario.failed", { type: "error" });
    } finally {
      setRunning(false);
    }
  };

  return (
    <Card sx={{ gridColumn: "1 / -1" }}>
      <CardContent sx={{ display: "grid", gap: 2 }}>
        <Typography variant="h6">{translate("tthc.simulator.scenario.title")}</Typography>
        <Typography variant="body2" color="text.secondary">
          {translate("tthc.simulator.scenario.intro")}
        </Typography>
        <Box sx={{ display: "grid", gap: 2, gridTemplateColumns: { xs: "1fr", md: "repeat(4, 1fr)" } }}>
          <TextField
            select
            size="small"
            label={translate("tthc.simulator.scenario.agency")}
            value={agencyId}
            onChange={(event) => setAgencyId(Number(event.target.value))}
          >
            {agencies.map((agency) => (
              <MenuItem key={agency.id} value={agency.id}>
                {agency.name}
              </MenuItem>
            ))}
          </TextField>
          <TextField
            size="small"
            label={translate("tthc.simulator.scenario.keys")}
            helperText={translate("tthc.simulator.scenario.keys_hint")}
            value={keys}
            error={!keysOk}
            onChange={(event) => setKeys(event.target.value)}
            slotProps={{ htmlInput: { inputMode: "tel" } }}
          />
          {NUMBERS.map(([name, , min, max]) => (
            <TextField
              key={name}
              size="small"
              type="number"
              label={translate(`tthc.simulator.scenario.${name}`)}
              value={values[name]}
              error={!numberOk(name, min, max)}
              onChange={(event) => setValues((current) => ({ ...current, [name]: event.target.value }))}
              slotProps={{ htmlInput: { min, max } }}
            />
          ))}
        </Box>
        <Box>
          <Button variant="contained" startIcon={<GroupsIcon />} disabled={!ok || running} onClick={start}>
            {translate("tthc.simulator.scenario.start")}
          </Button>
        </Box>
        {started !== null && (
          <Alert severity="success">
            {translate("tthc.simulator.scenario.started", { minutes: started })}{" "}
            <Link href="#/board">{translate("tthc.simulator.scenario.watch")}</Link>
          </Alert>
        )}
      </CardContent>
    </Card>
  );
};
