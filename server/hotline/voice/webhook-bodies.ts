// What the voice webhooks read of Twilio's form bodies, declared once for the normal routes and
// their degraded twins. Twilio sends many more parameters than a route reads; they stay (the
// signature covers them), hence additionalProperties.
import Type from "typebox";
import { IntegerText } from "../../platform/http/schemas.js";

export const params = <T extends Type.TProperties>(properties: T) => Type.Object(properties, { additionalProperties: true });
export const CallSid = Type.String({ minLength: 2, maxLength: 64 });

const recordingFields = {
  RecordingSid: Type.String({ minLength: 2, maxLength: 64 }),
  RecordingStatus: Type.String({ maxLength: 20 }),
  RecordingDuration: Type.Optional(IntegerText),
  RecordingChannels: Type.Optional(IntegerText),
  RecordingUrl: Type.Optional(Type.String()),
  RecordingSource: Type.Optional(Type.String()),
};

/** A recording's status callback: the conversation's (`<Dial record>`) or a voicemail's (`<Record>`). */
export const RecordingStatusBody = params({ CallSid, ...recordingFields });

/** A conference's recording status callback: Twilio names the conference, not a call. */
export const ConferenceRecordingBody = params({ CallSid: Type.Optional(CallSid), ...recordingFields });
