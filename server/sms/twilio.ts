// Twilio Programmable Messaging. Sends through a Messaging Service when one is configured (sender
// pool, registered alphanumeric IDs), otherwise from a single sender; errors are sorted into
// transient and permanent by Twilio's error codes.
import twilio from "twilio";
import type { Config } from "../config.js";
import { type OutgoingSms, type SmsProvider, SmsSendError, type SmsSendResult } from "./provider.js";

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
    return new SmsSendError(`Twilio refused the message: ${message}`, transient, String(code ?? e.status), { cause: error });
  }
  // No HTTP status: the request never got an answer (timeout, connection reset, DNS).
  return new SmsSendError(`Twilio unreachable: ${message}`, true, typeof e?.code === "string" ? e.code : "network", { cause: error });
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
  };
}

/** The REST client of the configured account, or undefined without credentials. */
export function twilioClientFromConfig(config: Config): TwilioClient | undefined {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  // A hung request must not hold a worker: 15 s, then the job's retry takes over.
  return twilio(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, { timeout: 15_000 });
}
