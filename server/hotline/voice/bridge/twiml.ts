// TwiML of the conference bridge: joining call-<id> (the caller, the owner, a consulted staff member,
// a listening supervisor) and the whisper of a consult or listen call. Pure.
import twilio from "twilio";
import type VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { DEFAULT_VOICE } from "../../ivr/prompts.js";

export interface ConferenceUrls {
  /** The conference's status callback: its sid, who joined, left, was held. */
  status: string;
  /** The conference recording's status callback (the caller brings it: the recording starts with them). */
  recordingStatus?: string;
  /** Heard by a participant alone in the conference. */
  waitUrl: string;
}

export interface Joining {
  name: string;
  /** <Dial action>: for the caller, whose action runs the survey once the conference ends. */
  action?: string;
  /** The caller and the owner of the call end it for everyone when they leave. */
  endConferenceOnExit: boolean;
  muted?: boolean;
}

export function renderJoinConference(joining: Joining, urls: ConferenceUrls): string {
  const response = new twilio.twiml.VoiceResponse();
  const dial = response.dial(joining.action ? { action: joining.action, method: "POST" } : {});
  const attributes: VoiceResponse.ConferenceAttributes = {
    beep: "false",
    startConferenceOnEnter: true,
    endConferenceOnExit: joining.endConferenceOnExit,
    waitUrl: urls.waitUrl,
    waitMethod: "GET",
    statusCallback: urls.status,
    statusCallbackMethod: "POST",
    statusCallbackEvent: ["start", "end", "join", "leave", "hold"],
    ...(joining.muted ? { muted: true } : {}),
    // The conversation goes on being recorded in the conference (the Dial's recording ended with it).
    ...(urls.recordingStatus ? { record: "record-from-start" as const, recordingStatusCallback: urls.recordingStatus } : {}),
  };
  dial.conference(attributes, joining.name);
  return response.toString();
}

/** Heard by the staff member a consult (or a supervisor a listen) rings: press 1, or the leg hangs up. */
export function renderBridgeWhisper(text: string, acceptUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({ input: ["dtmf"], action: acceptUrl, method: "POST", numDigits: 1, timeout: 8 });
  gather.say({ voice: DEFAULT_VOICE.voice as VoiceResponse.SayAttributes["voice"], language: "vi-VN" }, text);
  response.hangup();
  return response.toString();
}

export function renderHangup(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}
