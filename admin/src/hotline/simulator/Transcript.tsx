// What the caller heard and pressed, what the staff did, and each webhook with its TwiML (folded).
import CallEndIcon from "@mui/icons-material/CallEnd";
import DialpadIcon from "@mui/icons-material/Dialpad";
import ExpandMoreIcon from "@mui/icons-material/ExpandMore";
import FiberManualRecordIcon from "@mui/icons-material/FiberManualRecord";
import PersonIcon from "@mui/icons-material/Person";
import PhoneForwardedIcon from "@mui/icons-material/PhoneForwarded";
import VolumeUpIcon from "@mui/icons-material/VolumeUp";
import { Accordion, AccordionDetails, AccordionSummary, Box, Typography } from "@mui/material";
import { useTranslate } from "react-admin";
import type { SimulationStep } from "../../../../server/contract/hotline/simulator";

/** The simulator reports staff actions in English; these are the ones it knows. */
function staffAction(action: string, translate: ReturnType<typeof useTranslate>): string {
  if (action === "pressed 1 and answered") return translate("tthc.simulator.staff_actions.answered");
  if (action === "no answer") return translate("tthc.simulator.staff_actions.no_answer");
  if (action === "was not connected") return translate("tthc.simulator.staff_actions.not_connected");
  if (action.startsWith("hears: ")) return translate("tthc.simulator.staff_actions.hears", { text: action.slice(7) });
  return action;
}

/** TwiML on one line per element, for reading. */
const pretty = (xml: string) => xml.replace(/></g, ">\n<");

const Line = ({ icon, children, testId }: { icon: React.ReactNode; children: React.ReactNode; testId: string }) => (
  <Box sx={{ display: "flex", gap: 1, py: 0.5 }} data-step={testId}>
    <Box component="span" aria-hidden sx={{ width: 24, flex: "none", color: "text.secondary", "& svg": { fontSize: 18 } }}>
      {icon}
    </Box>
    <Typography variant="body2">{children}</Typography>
  </Box>
);

export const Transcript = ({ steps }: { steps: SimulationStep[] }) => {
  const translate = useTranslate();
  return (
    <Box role="list" aria-label={translate("tthc.simulator.transcript")}>
      {steps.map((step, i) => {
        const key = `${i}-${step.type}`;
        switch (step.type) {
          case "request":
            return (
              <Accordion key={key} disableGutters elevation={0} sx={{ bgcolor: "grey.50", my: 0.5, "&:before": { display: "none" } }}>
                <AccordionSummary expandIcon={<ExpandMoreIcon />} sx={{ minHeight: 32, "& .MuiAccordionSummary-content": { my: 0.5 } }}>
                  <Typography variant="caption" sx={{ fontFamily: "monospace" }}>
                    {translate("tthc.simulator.request", { path: step.path.split("?")[0], status: step.status })}
                  </Typography>
                </AccordionSummary>
                <AccordionDetails>
                  <Box component="pre" sx={{ m: 0, fontSize: 12, overflow: "auto", whiteSpace: "pre-wrap" }}>
                    {pretty(step.twiml)}
                  </Box>
                </AccordionDetails>
              </Accordion>
            );
          case "say":
            return (
              <Line key={key} icon={<VolumeUpIcon />} testId="say">
                <strong>{translate("tthc.simulator.says")}:</strong> {step.text}
              </Line>
            );
          case "play":
            return (
              <Line key={key} icon={<VolumeUpIcon />} testId="play">
                <strong>{translate("tthc.simulator.plays")}:</strong> {step.url}
              </Line>
            );
          case "gather":
            return (
              <Line key={key} icon={<DialpadIcon />} testId="gather">
                {step.digits === "" ? translate("tthc.simulator.silent") : translate("tthc.simulator.pressed", { digits: step.digits })}
              </Line>
            );
          case "dial":
            return (
              <Line key={key} icon={<PhoneForwardedIcon />} testId="dial">
                {translate("tthc.simulator.dial", { targets: step.targets.join(", ") })}
              </Line>
            );
          case "staff":
            return (
              <Line key={key} icon={<PersonIcon />} testId="staff">
                {translate("tthc.simulator.staff_action", { action: staffAction(step.action, translate) })}
              </Line>
            );
          case "record":
            return (
              <Line key={key} icon={<FiberManualRecordIcon />} testId="record">
                {translate("tthc.simulator.record", { seconds: step.seconds })}
              </Line>
            );
          case "hangup":
            return (
              <Line key={key} icon={<CallEndIcon />} testId="hangup">
                {translate(step.by === "caller" ? "tthc.simulator.hangup_caller" : "tthc.simulator.hangup_server")}
              </Line>
            );
          default:
            return null;
        }
      })}
    </Box>
  );
};
