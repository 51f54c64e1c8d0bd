// Choice lists of the callback requests (the records' shapes are in server/contract/hotline/callbacks.ts).
import { CALLBACK_OUTCOMES, CALLBACK_STATUSES } from "../../../../server/contract/enums";

export const statusChoices = CALLBACK_STATUSES.map((id) => ({ id, name: `tthc.callbacks.statuses.${id}` }));
export const outcomeChoices = CALLBACK_OUTCOMES.map((id) => ({ id, name: `tthc.callbacks.outcomes.${id}` }));
