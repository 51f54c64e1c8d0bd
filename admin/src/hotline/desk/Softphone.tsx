// The softphone panel: connection state, the incoming call with "Nhận" / "Từ chối", and during a call
// the timer, mute, hold (a conference operation: asked of the server), the keypad and hang-up. Before
// Twilio's SDK asks for the microphone, the desk says in plain words why it needs it. After a reload
// during a call the server still names the call, but its audio left with the old page: the panel says so.
import {
  Alert,
  Box,
  Button,
  Card,
  CardContent,
  Chip,
  Dialog,
  DialogActions,
  DialogContent,
  DialogTitle,
  Stack,
  Typography,
} from "@mui/material";
import { useState } from "react";
import { useNotify, useTranslate } from "react-admin";
import type { DeskState } from "../../../../server/contract/hotline/desk";
import { API_URL, httpClient } from "../../dataProvider";
import { formatDuration } from "../calls/format";
import { type Softphone as SoftphoneState, useSecondsSince } from "./useDesk";

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const STATE_COLORS = {
  unregistered: "default",
  registering: "info",
  ready: "success",
  ringing: "warning",
  "on-call": "primary",
  error: "error",
} as const;

export const Softphone = ({ phone, desk }: { phone: SoftphoneState; desk: DeskState }) => {
  const browser = desk.answerOn === "browser";
  const translate = useTranslate();
  const notify = useNotify();
  const [askingMic, setAskingMic] = useState(false);
  const [micDenied, setMicDenied] = useState(false);
  const [muted, setMuted] = useState(false);
  const [held, setHeld] = useState(false);
  const [pressed, setPressed] = useState("");
  const current = desk.current;
  const seconds = useSecondsSince(current ? String(current.since ?? current.startedAt) : null);
  const { device, deviceState } = phone;
  // The server names a call this browser carries no audio of: the page was reloaded during it.
  const audioLost =
    browser && current !== null && phone.connectedCallId !== current.callId && deviceState !== "ringing" && deviceState !== "on-call";

  const allowMicrophone = async () => {
    setAskingMic(false);
    try {
      const stream = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const track of stream.getTracks()) track.stop();
      setMicDenied(false);
      await phone.start();
    } catch {
      setMicDenied(true);
    }
  };

  const hold = async () => {
    if (!current) return;
    try {
      await httpClient(`${API_URL}/desk/calls/${current.callId}/${held ? "unhold" : "hold"}`, { method: "POST" });
      setHeld(!held);
    } catch (error) {
      notify(error instanceof Error ? error.message : "ra.notification.http_error", { type: "error" });
    }
  };

  return (
    <Card variant="outlined" data-testid="softphone">
      <CardContent>
        <Stack direction="row" spacing={1} sx={{ alignItems: "center", mb: 1 }}>
          <Typography variant="h6" component="h2" sx={{ flexGrow: 1 }}>
            {translate("tthc.desk.softphone.title")}
          </Typography>
          <Chip
            size="small"
            data-testid="softphone-state"
            color={STATE_COLORS[deviceState]}
            label={translate(`tthc.desk.softphone.state.${deviceState}`)}
          />
        </Stack>
        {!browser && (
          <Alert severity="info" sx={{ mb: 1 }}>
            {translate("tthc.desk.softphone.phone_mode")}
          </Alert>
        )}
        {device?.kind === "simulated" && (
          <Alert severity="info" sx={{ mb: 1 }}>
            {translate("tthc.desk.softphone.simulated")}
          </Alert>
        )}
        {device?.needsMicrophone && deviceState === "unregistered" && (
          <Button variant="contained" onClick={() => setAskingMic(true)}>
            {translate("tthc.desk.softphone.connect")}
          </Button>
        )}
        {micDenied && <Alert severity="warning">{translate("tthc.desk.softphone.mic_denied")}</Alert>}
        {phone.errors.map((message, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the last few errors, in order
          <Alert key={index} severity="error" onClose={() => phone.dismissError(index)} sx={{ mb: 1 }}>
            {translate(message, { _: message })}
          </Alert>
        ))}

        {phone.ringing && (
          <Box role="alert" sx={{ my: 1 }}>
            <Typography variant="subtitle1">{translate("tthc.desk.softphone.incoming")}</Typography>
            <Stack direction="row" spacing={1} sx={{ mt: 1 }}>
              <Button variant="contained" color="success" onClick={() => void device?.accept()}>
                {translate("tthc.desk.softphone.accept")}
              </Button>
              <Button variant="outlined" color="error" onClick={() => void device?.reject()}>
                {translate("tthc.desk.softphone.reject")}
              </Button>
            </Stack>
          </Box>
        )}

        {current && (
          <Box sx={{ my: 1 }}>
            <Typography variant="subtitle1">{translate("tthc.desk.softphone.on_call")}</Typography>
            <Typography
              variant="h4"
              component="p"
              sx={{ fontVariantNumeric: "tabular-nums" }}
              aria-label={translate("tthc.desk.softphone.timer")}
              data-testid="call-timer"
            >
              {formatDuration(seconds)}
            </Typography>
            {audioLost && (
              <Alert severity="warning" sx={{ my: 1 }} data-testid="audio-lost">
                {translate("tthc.desk.softphone.audio_lost")}
              </Alert>
            )}
            <Stack direction="row" spacing={1} useFlexGap sx={{ mt: 1, flexWrap: "wrap" }}>
              <Button
                variant="outlined"
                disabled={audioLost || !browser}
                onClick={() => {
                  device?.mute(!muted);
                  setMuted(!muted);
                }}
              >
                {translate(muted ? "tthc.desk.softphone.unmute" : "tthc.desk.softphone.mute")}
              </Button>
              <Button variant="outlined" onClick={() => void hold()}>
                {translate(held ? "tthc.desk.softphone.unhold" : "tthc.desk.softphone.hold")}
              </Button>
              <Button variant="contained" color="error" disabled={audioLost || !browser} onClick={() => void device?.hangup()}>
                {translate("tthc.desk.softphone.hangup")}
              </Button>
            </Stack>
            {browser && !audioLost && (
              <Box sx={{ mt: 1.5 }} role="group" aria-label={translate("tthc.desk.softphone.keypad")}>
                <Box sx={{ display: "grid", gridTemplateColumns: "repeat(3, 48px)", gap: 0.5 }}>
                  {KEYS.map((key) => (
                    <Button
                      key={key}
                      size="small"
                      variant="outlined"
                      sx={{ minWidth: 0 }}
                      onClick={() => {
                        device?.sendDigits(key);
                        setPressed((keys) => (keys + key).slice(-20));
                      }}
                    >
                      {key}
                    </Button>
                  ))}
                </Box>
                {pressed && (
                  <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
                    {pressed}
                  </Typography>
                )}
              </Box>
            )}
          </Box>
        )}
      </CardContent>
      <Dialog open={askingMic} onClose={() => setAskingMic(false)}>
        <DialogTitle>{translate("tthc.desk.softphone.mic_title")}</DialogTitle>
        <DialogContent>
          <Typography>{translate("tthc.desk.softphone.mic_explain")}</Typography>
        </DialogContent>
        <DialogActions>
          <Button onClick={() => setAskingMic(false)}>{translate("tthc.desk.softphone.mic_later")}</Button>
          <Button variant="contained" onClick={() => void allowMicrophone()}>
            {translate("tthc.desk.softphone.mic_allow")}
          </Button>
        </DialogActions>
      </Dialog>
    </Card>
  );
};
