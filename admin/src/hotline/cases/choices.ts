// Choice lists of cases (the records' shapes are in server/contract/hotline/cases.ts).

import type { CaseState } from "../../../../server/contract/enums";
import { CASE_KINDS, CASE_STATES } from "../../../../server/contract/enums";

export const stateChoices = CASE_STATES.map((id) => ({ id, name: `tthc.cases.states.${id}` }));
export const kindChoices = CASE_KINDS.map((id) => ({ id, name: `tthc.cases.kinds.${id}` }));
/** The states a case is moved to by hand (PUT); answering, closing and reopening are actions. */
export const workingStateChoices = (["in_progress", "waiting_citizen"] as const).map((id) => ({ id, name: `tthc.cases.states.${id}` }));

const OPEN: readonly CaseState[] = ["new", "in_progress", "waiting_citizen", "reopened"];
/** Still to be answered: it can be worked, transferred, answered. */
export const isOpen = (state: CaseState) => OPEN.includes(state);
