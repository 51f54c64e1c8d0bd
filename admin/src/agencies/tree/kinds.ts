import { AGENCY_KINDS } from "../../types";

export const kindChoices = AGENCY_KINDS.map((id) => ({ id, name: `tthc.kinds.${id}` }));
