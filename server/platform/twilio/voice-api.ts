// The Twilio boundary for live calls: what the hotline asks of Twilio's REST API besides TwiML.
// Redirect a live call (its current TwiML is abandoned and the new URL fetched at once), place a
// call, change a conference participant (hold with hold music, mute, coach, who ends the
// conference), hang up. One interface, two implementations: the REST API below, and the
// simulator's network for simulated calls (server/hotline/simulator/network/), which the hotline
// chooses per call (a simulated call has no Twilio call to act on).
import type { FastifyBaseLogger } from "fastify";

export interface NewCall {
  /** E.164 number, or client:<identity> for a browser. */
  to: string;
  from: string;
  /** The TwiML the answered call fetches. */
  url: string;
  /** Posts CallStatus as the call moves (initiated, ringing, answered, completed). */
  statusCallback?: string;
  /** Seconds to let it ring. */
  timeout?: number;
}

export interface ParticipantUpdate {
  /** Hold: the participant hears holdUrl (music) and the others no longer hear them. */
  hold?: boolean;
  holdUrl?: string;
  muted?: boolean;
  /** When this participant leaves, the conference ends for everyone. */
  endConferenceOnExit?: boolean;
  /** Whispering to one participant only (the supervisor coaching a staff member). */
  coaching?: boolean;
  callSidToCoach?: string;
}

export interface VoiceApi {
  /** Asks Twilio to fetch `url` for the live call now; false when it could not (gone, refused, unreachable). */
  redirect(callSid: string, url: string): Promise<boolean>;
  /** Places a call; its sid, or null when Twilio refused or could not be reached. */
  createCall(call: NewCall): Promise<string | null>;
  /** Updates a participant of a conference (Twilio addresses it by the conference's sid, not its name). */
  updateParticipant(conferenceSid: string, callSid: string, update: ParticipantUpdate): Promise<boolean>;
  /** Ends a live call (a leg of it, for a staff member's call sid). */
  hangup(callSid: string): Promise<boolean>;
}

export interface TwilioAccount {
  accountSid: string;
  authToken: string;
  /** TWILIO_API_BASE_URL: api.twilio.com, or a local stand-in in tests. */
  apiBaseUrl: string;
}

/** A short timeout: the caller waits on the line while we ask. */
const TIMEOUT_MS = 5000;

const flag = (value: boolean) => (value ? "true" : "false");

/** Twilio's own names for the participant resource's parameters. */
function participantParams(update: ParticipantUpdate): Record<string, string> {
  const params: Record<string, string> = {};
  if (update.hold !== undefined) params.Hold = flag(update.hold);
  if (update.holdUrl !== undefined) {
    params.HoldUrl = update.holdUrl;
    params.HoldMethod = "GET";
  }
  if (update.muted !== undefined) params.Muted = flag(update.muted);
  if (update.endConferenceOnExit !== undefined) params.EndConferenceOnExit = flag(update.endConferenceOnExit);
  if (update.coaching !== undefined) params.Coaching = flag(update.coaching);
  if (update.callSidToCoach !== undefined) params.CallSidToCoach = update.callSidToCoach;
  return params;
}

export function restVoiceApi(account: TwilioAccount, log: FastifyBaseLogger): VoiceApi {
  const auth = `Basic ${Buffer.from(`${account.accountSid}:${account.authToken}`).toString("base64")}`;
  const base = `${account.apiBaseUrl}/2010-04-01/Accounts/${account.accountSid}`;
  const post = async (path: string, params: Record<string, string | string[]>, what: string) => {
    const body = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      for (const one of Array.isArray(value) ? value : [value]) body.append(name, one);
    }
    try {
      const response = await fetch(`${base}${path}`, {
        method: "POST",
        headers: { authorization: auth, "content-type": "application/x-www-form-urlencoded" },
        body: body.toString(),
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      // A 404 usually means the call ended meanwhile; its status callback tells the rest.
      if (!response.ok) log.warn({ status: response.status, what }, "twilio: voice request refused");
      return response.ok ? ((await response.json().catch(() => ({}))) as { sid?: string }) : null;
    } catch (error) {
      log.warn({ err: error, what }, "twilio: voice request failed");
      return null;
    }
  };
  return {
    async redirect(callSid, url) {
      return (await post(`/Calls/${callSid}.json`, { Url: url, Method: "POST" }, "redirect")) !== null;
    },
    async createCall(call) {
      const params: Record<string, string | string[]> = { To: call.to, From: call.from, Url: call.url, Method: "POST" };
      if (call.statusCallback) {
        params.StatusCallback = call.statusCallback;
        params.StatusCallbackMethod = "POST";
        params.StatusCallbackEvent = ["initiated", "ringing", "answered", "completed"];
      }
      if (call.timeout !== undefined) params.Timeout = String(call.timeout);
      return (await post("/Calls.json", params, "create call"))?.sid ?? null;
    },
    async updateParticipant(conferenceSid, callSid, update) {
      const path = `/Conferences/${conferenceSid}/Participants/${callSid}.json`;
      return (await post(path, participantParams(update), "update participant")) !== null;
    },
    async hangup(callSid) {
      return (await post(`/Calls/${callSid}.json`, { Status: "completed" }, "hang up")) !== null;
    },
  };
}

/** Without a Twilio account (development without credentials): nothing can be asked of Twilio. */
export const noVoiceApi: VoiceApi = {
  redirect: async () => false,
  createCall: async () => null,
  updateParticipant: async () => false,
  hangup: async () => false,
};
