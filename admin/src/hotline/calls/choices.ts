// Choice lists of the call log (the records' shapes are in server/contract/hotline/call-log.ts).
import { CALL_TERMINATIONS, QUEUE_OUTCOMES } from "../../../../server/contract/enums";

export const terminationChoices = CALL_TERMINATIONS.map((id) => ({ id, name: `tthc.calls.terminations.${id}` }));
export const queueOutcomeChoices = QUEUE_OUTCOMES.map((id) => ({ id, name: `tthc.calls.queue_outcomes.${id}` }));
export const satisfactionChoices = [1, 2, 3].map((id) => ({ id, name: `tthc.calls.satisfaction.${id}` }));
