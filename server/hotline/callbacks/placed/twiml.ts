// TwiML of a callback placed through the hotline, pure. The staff member's leg is rung first; once
// they take it they wait in the conference `callback-<attempt>` while the citizen is called from the
// hotline's number; the citizen joins it, and when the staff member hangs up (they end the
// conference) the citizen's <Dial action> runs the hotline's survey.
import twilio from "twilio";
import type VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { DEFAULT_VOICE } from "../../ivr/prompts.js";

export const conferenceName = (attemptId: number) => `callback-${attemptId}`;

const say = (target: Pick<VoiceResponse, "say"> | Pick<VoiceResponse.Gather, "say">, text: string) =>
  target.say({ voice: DEFAULT_VOICE.voice as VoiceResponse.SayAttributes["voice"], language: "vi-VN" }, text);

/** A phone may be answered by its voicemail: only a key press starts calling the citizen. */
export function staffWhisper(acceptUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({ input: ["dtmf"], action: acceptUrl, method: "POST", numDigits: 1, timeout: 8 });
  say(gather, "Tổng đài TTHC: cuộc gọi lại cho công dân theo yêu cầu. Nhấn phím 1 để bắt đầu gọi.");
  response.hangup();
  return response.toString();
}

/** The staff member waits in the conference while the citizen's phone rings; leaving ends it for both. */
export function staffJoins(attemptId: number): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, "Đang gọi công dân, xin chờ.");
  response
    .dial()
    .conference({ startConferenceOnEnter: true, endConferenceOnExit: true, beep: "false", waitUrl: "" }, conferenceName(attemptId));
  return response.toString();
}

/** Said to the staff member when the citizen could not be reached, then their leg ends. */
export function staffInformed(text: string): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, text);
  response.hangup();
  return response.toString();
}

export interface CitizenUrls {
  /** The citizen's <Dial action>: the conference ended (the staff member hung up), the citizen is still there. */
  ended: string;
  recordingStatus: string;
}

/** The citizen hears who is calling, then joins the staff member; the conversation is recorded. */
export function citizenJoins(attemptId: number, urls: CitizenUrls): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, "Tổng đài thông tin thủ tục hành chính gọi lại theo yêu cầu của ông bà. Xin mời ông bà nói chuyện với cán bộ.");
  response.dial({ action: urls.ended, method: "POST" }).conference(
    {
      startConferenceOnEnter: true,
      endConferenceOnExit: false,
      beep: "false",
      record: "record-from-start",
      recordingStatusCallback: urls.recordingStatus,
      recordingStatusCallbackEvent: ["completed"],
    },
    conferenceName(attemptId),
  );
  return response.toString();
}

export function hangUp(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}
