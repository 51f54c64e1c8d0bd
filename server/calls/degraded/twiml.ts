// TwiML answered while the database is down or too slow. Every URL in it leads to a route that needs
// no database (server/calls/degraded/routes.ts), so once a call is degraded it stays answerable
// until it ends, however long the outage lasts.
import twilio from "twilio";
import type VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { DEFAULT_VOICE } from "../../ivr/prompts.js";

type SayTarget = Pick<VoiceResponse, "say">;
const say = (target: SayTarget, text: string) =>
  target.say(
    {
      voice: DEFAULT_VOICE.voice as VoiceResponse.SayAttributes["voice"],
      language: DEFAULT_VOICE.language as VoiceResponse.SayAttributes["language"],
    },
    text,
  );

const BUSY_TO_OPERATORS = "Xin lỗi, hệ thống đang bận. Xin ông bà giữ máy, chúng tôi chuyển cuộc gọi đến tổng đài viên.";
const BUSY_TO_VOICEMAIL =
  "Xin lỗi, hệ thống đang bận. Xin ông bà để lại lời nhắn và số điện thoại sau tiếng bíp, nhấn phím thăng khi xong. Chúng tôi sẽ gọi lại.";
const OPERATORS_UNAVAILABLE =
  "Tổng đài viên đang bận. Xin ông bà để lại lời nhắn sau tiếng bíp, nhấn phím thăng khi xong. Chúng tôi sẽ gọi lại.";
const THANKS_CALLBACK = "Cảm ơn ông bà. Chúng tôi sẽ gọi lại sớm nhất.";
const GOODBYE = "Cảm ơn ông bà đã gọi Tổng đài giải đáp thủ tục hành chính. Xin chào.";
const WHISPER = "Cuộc gọi từ Tổng đài TTHC, nhấn phím 1 để nhận cuộc gọi.";
const CONNECTING = "Đang kết nối.";

const VOICEMAIL_MAX_SECONDS = 120;
const OPERATORS_RING_SECONDS = 30;

export interface DegradedUrls {
  operatorsDial: string;
  voicemail: string;
  voicemailRecording: string;
}

export function degradedUrls(publicBaseUrl: string): DegradedUrls {
  const degraded = `${publicBaseUrl}/twilio/voice/degraded`;
  return { operatorsDial: `${degraded}/dial`, voicemail: `${degraded}/record`, voicemailRecording: `${degraded}/recording-status` };
}

function voicemail(response: VoiceResponse, urls: DegradedUrls): void {
  response.record({
    action: urls.voicemail,
    method: "POST",
    maxLength: VOICEMAIL_MAX_SECONDS,
    playBeep: true,
    finishOnKey: "#",
    recordingStatusCallback: urls.voicemailRecording,
    recordingStatusCallbackMethod: "POST",
  });
  // Reached only when the recording was empty (Twilio then skips the action).
  say(response, THANKS_CALLBACK);
  response.hangup();
}

/** The system is busy: the operators' number when one is configured, otherwise a voicemail. */
export function renderBusy(operatorNumber: string | undefined, urls: DegradedUrls): string {
  const response = new twilio.twiml.VoiceResponse();
  if (operatorNumber) {
    say(response, BUSY_TO_OPERATORS);
    const dial = response.dial({ action: urls.operatorsDial, method: "POST", timeout: OPERATORS_RING_SECONDS, answerOnBridge: true });
    dial.number(operatorNumber);
  } else {
    say(response, BUSY_TO_VOICEMAIL);
    voicemail(response, urls);
  }
  return response.toString();
}

/** The operators did not answer: the caller leaves a voicemail instead. */
export function renderOperatorsUnavailable(urls: DegradedUrls): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, OPERATORS_UNAVAILABLE);
  voicemail(response, urls);
  return response.toString();
}

/** After a conversation or a voicemail: thanks, then the end of the call. */
export function renderGoodbye(afterVoicemail: boolean): string {
  const response = new twilio.twiml.VoiceResponse();
  say(response, afterVoicemail ? THANKS_CALLBACK : GOODBYE);
  response.hangup();
  return response.toString();
}

/** The staff member's whisper without the topic (it is in the database): press 1 still decides. */
export function renderDegradedWhisper(acceptUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({ input: ["dtmf"], action: acceptUrl, method: "POST", numDigits: 1, timeout: 8 });
  say(gather, WHISPER);
  response.hangup();
  return response.toString();
}

export function renderDegradedAccept(accepted: boolean): string {
  const response = new twilio.twiml.VoiceResponse();
  if (accepted) say(response, CONNECTING);
  else response.hangup();
  return response.toString();
}
