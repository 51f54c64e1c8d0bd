// What every SMS vendor implements (one file per vendor, novu style), and the errors they throw.
// Callers only ever see SmsSendError, whose `transient` says whether trying again later can help.

export interface OutgoingSms {
  /** E.164, e.g. +84912345678. */
  to: string;
  body: string;
  /** Where the vendor posts delivery receipts, when it supports them. */
  statusCallbackUrl?: string;
  /** The message must not be delivered after this moment (Twilio ValidityPeriod). */
  validUntil?: Date;
}

export interface SmsSendResult {
  providerMessageId: string;
  status: "queued" | "sent";
}

export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<SmsSendResult>;
}

export class SmsSendError extends Error {
  constructor(
    message: string,
    /** true: throttling, timeouts, 5xx — a later attempt may succeed. false: the same message will always fail. */
    readonly transient: boolean,
    /** The vendor's error code (Twilio 21610, …) or a short name of the failure. */
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "SmsSendError";
  }
}
