import { PRIVACY_REQUEST_CHANNELS, PRIVACY_REQUEST_KINDS, PRIVACY_REQUEST_STATES } from "../../../../server/contract/enums";

export const stateChoices = PRIVACY_REQUEST_STATES.map((id) => ({ id, name: `tthc.privacy.states.${id}` }));
export const kindChoices = PRIVACY_REQUEST_KINDS.map((id) => ({ id, name: `tthc.privacy.kinds.${id}` }));
export const channelChoices = PRIVACY_REQUEST_CHANNELS.map((id) => ({ id, name: `tthc.privacy.channels.${id}` }));
