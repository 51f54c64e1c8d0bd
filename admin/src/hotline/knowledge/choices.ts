import { KNOWLEDGE_STATUSES } from "../../../../server/contract/enums";

export const statusChoices = KNOWLEDGE_STATUSES.map((id) => ({ id, name: `tthc.knowledge.statuses.${id}` }));
