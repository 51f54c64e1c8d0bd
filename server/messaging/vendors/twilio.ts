// Twilio Programmable Messaging. Sends through a Messaging Service when one is configured (sender
// pool, registered alphanumeric IDs), otherwise from a single sender; errors are sorted into
// transient and permanent by Twilio's error codes.
import twilio from "twilio";
import type { Config } from "../../config.js";
import {
  type OutgoingSms,
  type SmsFailureKind,
  type SmsLookupHint,
  type SmsLookupResult,
  type SmsProvider,
  SmsSendError,
  type SmsSendResult,
} from "../provider.js";

export type TwilioClient = ReturnType<typeof twilio>;

export interface TwilioSmsOptions {
  client: TwilioClient;
  messagingServiceSid?: string;
  from?: string;
  now?: () => Date;
}

/** Refusals that will repeat whatever we do: the recipient, the number or the account is the problem. */
const PERMANENT_CODES = new Set([
  21211, // invalid To
  21408, // region not enabled for this account
  21606, // From cannot send SMS
  21610, // recipient replied STOP (unsubscribed)
  21612, // cannot route to this number
  21614, // not a mobile number
  21617, // body too long
  20003, // authentication failed
]);
/** Twilio is full or throttling: try again later. */
const TRANSIENT_CODES = new Set([20429, 21611, 30001]);
const UNSUBSCRIBED_CODES = new Set([21610]);
const INVALID_NUMBER_CODES = new Set([21211, 21614]);

/** The neutral meaning of a Twilio error code, on a refused send or a delivery receipt. */
export function twilioFailureKind(code: number | string | undefined): SmsFailureKind | undefined {
  const n = Number(code);
  if (UNSUBSCRIBED_CODES.has(n)) return "unsubscribed";
  if (INVALID_NUMBER_CODES.has(n)) return "invalid_number";
  if (TRANSIENT_CODES.has(n)) return "throttled";
  return undefined;
}

// Twilio accepts 1 to 36,000 seconds (10 hours).
const MAX_VALIDITY_SECONDS = 36_000;

export function twilioSmsError(error: unknown): SmsSendError {
  if (error instanceof SmsSendError) return error;
  const e = error as { status?: number; code?: number | string; message?: string };
  const message = e?.message ?? String(error);
  if (typeof e?.status === "number") {
    const code = typeof e.code === "number" ? e.code : undefined;
    const transient =
      code !== undefined && PERMANENT_CODES.has(code)
        ? false
        : (code !== undefined && TRANSIENT_CODES.has(code)) || e.status === 429 || e.status >= 500;
    const kind = twilioFailureKind(code) ?? (e.status === 429 ? "throttled" : undefined);
    return new SmsSendError(`Twilio refused the message: ${message}`, transient, String(code ?? e.status), { cause: error, kind });
  }
  // No HTTP status: the request never got an answer (timeout, connection reset, DNS). Twilio may
  // still have accepted it: the sender asks lookup() before trying again.
  return new SmsSendError(`Twilio unreachable: ${message}`, true, typeof e?.code === "string" ? e.code : "network", {
    cause: error,
    outcomeUnknown: true,
  });
}

/** Clock skew between us and Twilio, and the time between writing our row and Twilio's timestamp. */
export const LOOKUP_MARGIN_MS = 5 * 60_000;
/** Messages to one number since the attempt: more than this and the answer would be a guess. */
export const LOOKUP_LIMIT = 50;

/**
 * Did Twilio accept this attempt? Twilio keeps no client reference on a Message and does not echo
 * the status callback URL (where our row id is), so the attempt is found by what it was: messages
 * to the same number sent since the attempt was written (minus LOOKUP_MARGIN_MS) with exactly the
 * same body. The body carries the campaign's text and the citizen's name, so two different
 * attempts match only if the same text went to the same number within minutes (docs/sms-providers.md).
 * Without the body, on an API error, or with a full page of candidates: "unknown".
 */
export async function lookupTwilioMessage(client: TwilioClient, hint: SmsLookupHint): Promise<SmsLookupResult> {
  if (hint.body === undefined) return { found: "unknown" };
  const since = new Date(hint.sentAfter.getTime() - LOOKUP_MARGIN_MS);
  let messages: Awaited<ReturnType<TwilioClient["messages"]["list"]>>;
  try {
    messages = await client.messages.list({ to: hint.to, dateSentAfter: since, limit: LOOKUP_LIMIT });
  } catch {
    return { found: "unknown" };
  }
  const match = messages.find(
    (m) =>
      m.body === hint.body &&
      (m.direction === undefined || m.direction === null || m.direction.startsWith("outbound")) &&
      m.status !== "failed" &&
      m.status !== "canceled",
  );
  if (match) return { found: true, providerMessageId: match.sid };
  // A full page may have cut the match off: do not claim it was never sent.
  return messages.length >= LOOKUP_LIMIT ? { found: "unknown" } : { found: false };
}

export function createTwilioSmsProvider(options: TwilioSmsOptions): SmsProvider {
  const { client, messagingServiceSid, from } = options;
  if (!messagingServiceSid && !from) throw new Error("Twilio SMS needs TWILIO_MESSAGING_SERVICE_SID or TWILIO_SMS_FROM");
  const now = options.now ?? (() => new Date());
  return {
    name: "twilio",
    async send(message: OutgoingSms): Promise<SmsSendResult> {
      let validityPeriod: number | undefined;
      if (message.validUntil) {
        validityPeriod = Math.floor((message.validUntil.getTime() - now().getTime()) / 1000);
        // Already too late: do not let Twilio deliver it at some arbitrary later time.
        if (validityPeriod < 1) throw new SmsSendError("the message's validity period has passed", false, "expired");
        validityPeriod = Math.min(validityPeriod, MAX_VALIDITY_SECONDS);
      }
      try {
        const sent = await client.messages.create({
          to: message.to,
          body: message.body,
          ...(messagingServiceSid ? { messagingServiceSid } : { from }),
          ...(message.statusCallbackUrl ? { statusCallback: message.statusCallbackUrl } : {}),
          ...(validityPeriod !== undefined ? { validityPeriod } : {}),
        });
        return { providerMessageId: sent.sid, status: sent.status === "sent" ? "sent" : "queued" };
      } catch (error) {
        throw twilioSmsError(error);
      }
    },
    lookup: (_key, hint) => lookupTwilioMessage(client, hint),
  };
}

/** The REST client of the configured account, or undefined without credentials. */
export function twilioClientFromConfig(config: Config): TwilioClient | undefined {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  // A hung request must not hold a worker: 15 s, then the job's retry takes over.
  return twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, { timeout: 15_000 });
}
