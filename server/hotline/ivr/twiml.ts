// TwiML for the interpreter's actions, and for the whisper that screens staff phones. Pure: the
// webhook layer gives the absolute URLs (signed by Twilio against PUBLIC_BASE_URL).
import twilio from "twilio";
import type VoiceResponse from "twilio/lib/twiml/VoiceResponse.js";
import { ACCEPTED_PROMPT, BUILTIN_APOLOGY, whisperPrompt } from "./prompts.js";
import type { Action, ResolvedPrompt } from "./types.js";

export interface TwimlUrls {
  /** <Gather action>: posts Digits ("" or absent on silence). */
  gather: string;
  /** <Dial action>: posts DialCallStatus when the staff leg ends. */
  dialAction: string;
  /** <Number url>: the whisper for one staff member's phone. */
  whisper(staffId: number): string;
  /** <Client url>: a browser desk's leg, taken at once (the softphone's accept button was the decision). */
  clientAnswered(staffId: number): string;
  /** <Record action>: posts RecordingDuration (absent when the recording was empty). */
  recordAction: string;
  recordingStatus: string;
  /** The wait loop's webhook: a key (Digits) or the next turn (no Digits). */
  queueWait: string;
  /** The shipped hold music, for agencies without their own. */
  holdMusic: string;
}

type Speaker = Pick<VoiceResponse, "say" | "play"> | Pick<VoiceResponse.Gather, "say" | "play">;

export function renderTwiml(actions: Action[], urls: TwimlUrls): string {
  const response = new twilio.twiml.VoiceResponse();
  for (const action of actions) {
    switch (action.type) {
      case "say":
        speak(response, action.prompt);
        break;
      case "gather": {
        const gather = response.gather({
          input: ["dtmf"],
          action: urls.gather,
          method: "POST",
          actionOnEmptyResult: true,
          timeout: action.timeoutSeconds,
          ...(action.numDigits !== undefined ? { numDigits: action.numDigits } : {}),
          ...(action.finishOnKey !== undefined ? { finishOnKey: action.finishOnKey } : {}),
          ...(action.language ? { language: action.language as VoiceResponse.GatherAttributes["language"] } : {}),
        });
        for (const prompt of action.prompts) speak(gather, prompt);
        // actionOnEmptyResult already posts silence to the action; should Twilio ever fall through, it still arrives there.
        response.redirect({ method: "POST" }, urls.gather);
        break;
      }
      case "dial": {
        const dial = response.dial({
          action: urls.dialAction,
          method: "POST",
          timeout: action.timeoutSeconds,
          answerOnBridge: true,
          ...(action.record ? { record: "record-from-answer-dual" as const, recordingStatusCallback: urls.recordingStatus } : {}),
        });
        for (const target of action.targets) {
          if (target.clientIdentity) dial.client({ url: urls.clientAnswered(target.staffId), method: "POST" }, target.clientIdentity);
          if (target.phone) dial.number({ url: urls.whisper(target.staffId), method: "POST" }, target.phone);
        }
        break;
      }
      case "record":
        response.record({
          action: urls.recordAction,
          method: "POST",
          maxLength: action.maxLengthSeconds,
          playBeep: true,
          finishOnKey: "#",
          recordingStatusCallback: urls.recordingStatus,
        });
        // Twilio skips the action when the recording is empty and goes on with the next verb.
        response.redirect({ method: "POST" }, urls.recordAction);
        break;
      case "queue-wait": {
        // The announcements and the music inside the Gather, so a key interrupts them at once; when
        // nothing is pressed the next turn comes through the Redirect (a webhook per turn).
        const gather = response.gather({ input: ["dtmf"], action: urls.queueWait, method: "POST", numDigits: 1, timeout: 1 });
        for (const prompt of action.prompts) speak(gather, prompt);
        gather.play(action.holdMusicUrl ?? urls.holdMusic);
        response.redirect({ method: "POST" }, urls.queueWait);
        break;
      }
      case "queue-next":
        response.redirect({ method: "POST" }, urls.queueWait);
        break;
      case "hangup":
        response.hangup();
        break;
    }
  }
  return response.toString();
}

/** Heard by the staff member who picks up: press 1 to take the call; anything else (or a voicemail) hangs up that leg. */
export function renderWhisper(topicLabel: string, acceptUrl: string): string {
  const response = new twilio.twiml.VoiceResponse();
  const gather = response.gather({ input: ["dtmf"], action: acceptUrl, method: "POST", numDigits: 1, timeout: 8 });
  speak(gather, whisperPrompt(topicLabel));
  response.hangup();
  return response.toString();
}

/** Answer to the whisper's Gather when the staff member pressed 1: the call is bridged once this ends. */
export function renderAccepted(): string {
  const response = new twilio.twiml.VoiceResponse();
  speak(response, ACCEPTED_PROMPT);
  return response.toString();
}

/** Answer to a browser desk's Client leg that took the call: nothing to hear, the bridge follows at once. */
export function renderClientAnswered(): string {
  return new twilio.twiml.VoiceResponse().toString();
}

/** Answer to the whisper's Gather for any other key: that staff leg hangs up, the caller is not connected to it. */
export function renderDeclined(): string {
  const response = new twilio.twiml.VoiceResponse();
  response.hangup();
  return response.toString();
}

/** For the webhook layer when it cannot run the interpreter at all. */
export function renderApology(): string {
  const response = new twilio.twiml.VoiceResponse();
  speak(response, BUILTIN_APOLOGY);
  response.hangup();
  return response.toString();
}

function speak(target: Speaker, prompt: ResolvedPrompt): void {
  if ("play" in prompt) target.play(prompt.play);
  else
    target.say(
      { voice: prompt.voice as VoiceResponse.SayAttributes["voice"], language: prompt.language as VoiceResponse.SayAttributes["language"] },
      prompt.say,
    );
}
