// For each voice webhook: what to answer without the database, and what to journal so the call log
// can be completed later. Keyed by the route's path under /twilio/voice; the keys follow the normal
// steps' (kind, step) so Twilio's retries of one webhook are journaled as the same thing.
import type { JournalEntry } from "./journal.js";
import {
  type DegradedUrls,
  renderBusy,
  renderDegradedAccept,
  renderDegradedWhisper,
  renderGoodbye,
  renderOperatorsUnavailable,
} from "./twiml.js";

export interface DegradedContext {
  publicBaseUrl: string;
  operatorNumber: string | undefined;
  urls: DegradedUrls;
}

export interface DegradedAnswer {
  /** Null when the request names no call (a whisper without its parent): nothing to keep. */
  entry: Omit<JournalEntry, "at" | "reason"> | null;
  /** TwiML, or null for callbacks Twilio expects no TwiML from (answered 204). */
  twiml: string | null;
}

type Params = Record<string, string | undefined>;
type Degrader = (body: Params, query: Params, context: DegradedContext) => DegradedAnswer;

/** What replay needs of a request; From and To are kept apart (personal data, never in the event). */
const KEPT_PARAMS = [
  "Digits",
  "DialCallStatus",
  "DialCallDuration",
  "RecordingSid",
  "RecordingStatus",
  "RecordingDuration",
  "RecordingChannels",
  "RecordingUrl",
  "RecordingSource",
  "CallStatus",
  "CallDuration",
  "ErrorCode",
  "Simulated",
];

function kept(body: Params, query: Params): Record<string, string> {
  const params: Record<string, string> = {};
  for (const name of KEPT_PARAMS) {
    const value = body[name];
    if (typeof value === "string") params[name] = value.slice(0, 500);
  }
  if (query.s !== undefined) params.step = String(query.s);
  if (query.staff !== undefined) params.staff = String(query.staff);
  return params;
}

/** An entry about the caller's own leg, which carries the caller's number. */
function callerEntry(kind: string, key: string, answer: string, body: Params, query: Params): DegradedAnswer["entry"] {
  const callSid = body.CallSid ?? "";
  return { callSid, kind, key, answer, caller: body.From, hotline: body.To, params: kept(body, query) };
}

const talked = (body: Params) => body.DialCallStatus === "completed" && Number(body.DialCallDuration ?? 0) > 0;

const busy: (kind: string, key: (query: Params, body: Params) => string) => Degrader = (kind, key) => (body, query, context) => ({
  entry: callerEntry(kind, key(query, body), context.operatorNumber ? "operators" : "voicemail", body, query),
  twiml: renderBusy(context.operatorNumber, context.urls),
});

const recordingStatus: Degrader = (body, query) => ({
  entry: {
    callSid: body.CallSid ?? "",
    kind: "recording-status",
    key: `recording:${body.RecordingSid}:${body.RecordingStatus}`,
    answer: "none",
    params: kept(body, query),
  },
  twiml: null,
});

/** The call-step routes of server/hotline/voice/voice-routes.ts, which need the database: answered this way when it fails them. */
export const STEP_DEGRADERS: Record<string, Degrader> = {
  "/incoming": busy("incoming", () => "incoming:0"),
  "/gather": busy("gather", (query) => `gather:${query.s}`),
  "/dial": (body, query, context) =>
    // After a conversation the caller is thanked; after nobody answered, the operators take over.
    talked(body)
      ? { entry: callerEntry("dial", `dial:${query.s}`, "goodbye", body, query), twiml: renderGoodbye(false) }
      : busy("dial", () => `dial:${query.s}`)(body, query, context),
  // The voicemail is already recorded: replay turns it into a callback request.
  "/record": (body, query) => ({ entry: callerEntry("record", `record:${query.s}`, "goodbye", body, query), twiml: renderGoodbye(true) }),
  "/whisper": (body, query, context) => {
    const accept = `${context.publicBaseUrl}/twilio/voice/whisper/accept?s=${query.s}&staff=${query.staff}`;
    const entry = body.ParentCallSid
      ? {
          callSid: body.ParentCallSid,
          kind: "whisper",
          key: `whisper:${query.s}:${query.staff}`,
          answer: "whisper",
          params: kept(body, query),
        }
      : null;
    return { entry, twiml: renderDegradedWhisper(accept) };
  },
  "/whisper/accept": (body, query) => {
    const accepted = Boolean(body.ParentCallSid) && body.Digits === "1";
    const entry = body.ParentCallSid
      ? {
          callSid: body.ParentCallSid,
          kind: "whisper-accept",
          key: `accept:${query.s}:${query.staff}`,
          answer: accepted ? "accepted" : "declined",
          params: kept(body, query),
        }
      : null;
    return { entry, twiml: renderDegradedAccept(accepted) };
  },
  // The softphone's accept button was the decision: without the database the call is taken all the same.
  "/client-answered": (body, query) => {
    const accepted = Boolean(body.ParentCallSid);
    const entry = body.ParentCallSid
      ? {
          callSid: body.ParentCallSid,
          kind: "whisper-accept",
          key: `accept:${query.s}:${query.staff}`,
          answer: accepted ? "accepted" : "declined",
          // Replayed as the key press the whisper would have had.
          params: { ...kept(body, query), Digits: "1" },
        }
      : null;
    return { entry, twiml: renderDegradedAccept(accepted) };
  },
  "/status": (body, query) => ({ entry: callerEntry("status", `status:${body.CallStatus}`, "none", body, query), twiml: null }),
  "/recording-status": recordingStatus,
};

/** Twilio's Voice Fallback URL: called when any of our answers failed (ErrorUrl names which). */
export const fallbackAnswer: Degrader = (body, query, context) => {
  const failed = body.ErrorUrl ? new URL(body.ErrorUrl, context.publicBaseUrl) : null;
  const key = `fallback:${failed ? `${failed.pathname}${failed.search}` : "incoming"}`;
  return busy("fallback", () => key)(body, query, context);
};

/** The <Dial> to the operators ended: a conversation is thanked, no answer turns into a voicemail. */
export const operatorsDialAnswer: Degrader = (body, query, context) =>
  talked(body)
    ? { entry: callerEntry("operators-dial", "operators-dial", "goodbye", body, query), twiml: renderGoodbye(false) }
    : { entry: callerEntry("operators-dial", "operators-dial", "voicemail", body, query), twiml: renderOperatorsUnavailable(context.urls) };

export const voicemailAnswer: Degrader = (body, query) => ({
  entry: callerEntry("voicemail", "voicemail", "goodbye", body, query),
  twiml: renderGoodbye(true),
});

export const voicemailRecordingAnswer: Degrader = recordingStatus;
