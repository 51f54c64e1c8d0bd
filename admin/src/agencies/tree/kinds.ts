import { AGENCY_KINDS } from "../../../../server/contract/enums";

export const kindChoices = AGENCY_KINDS.map((id) => ({ id, name: `tthc.kinds.${id}` }));
