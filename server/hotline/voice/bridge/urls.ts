// The bridge's webhook URLs, absolute (Twilio signs against PUBLIC_BASE_URL). The ids they carry are
// ours; Twilio's signature covers the query, so nobody else can forge them.
import { HOLD_MUSIC_PATH } from "../../queues/hold-music.js";

export function bridgeUrls(baseUrl: string) {
  const bridge = `${baseUrl}/twilio/voice/bridge`;
  return {
    /** Where the owner's staff leg is redirected to join the conference. */
    join: (callId: number, legId: number) => `${bridge}/join?call=${callId}&leg=${legId}`,
    conferenceStatus: (callId: number) => `${bridge}/conference?call=${callId}`,
    recordingStatus: (callId: number) => `${bridge}/recording?call=${callId}`,
    /** A consult or listen call's whisper, and the key press that joins. */
    offer: (callId: number, legId: number) => `${bridge}/offer?call=${callId}&leg=${legId}`,
    offerAccept: (callId: number, legId: number) => `${bridge}/offer/accept?call=${callId}&leg=${legId}`,
    legStatus: (legId: number) => `${bridge}/leg-status?leg=${legId}`,
    /** The caller's Dial in the conference: its action is the ordinary dial step, marked as the conference's (c=1). */
    callerDialAction: (step: number) => `${baseUrl}/twilio/voice/dial?s=${step}&c=1`,
    holdMusic: (agencyMusic: string | null | undefined) => agencyMusic ?? `${baseUrl}${HOLD_MUSIC_PATH}`,
  };
}

export type BridgeUrls = ReturnType<typeof bridgeUrls>;
