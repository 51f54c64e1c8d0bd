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
  /**
   * Our key for this one attempt (e.g. "tthc-m123": the sms_messages row written before sending).
   * Vendors that accept a client reference keep it, so `lookup` can tell after a crash whether
   * the attempt reached them.
   */
  idempotencyKey?: string;
  /**
   * "service": a customer-care message (survey link, opt-out confirmation, case notification);
   * anything else is advertising. Gateways with separate routes (eSMS) pick theirs by it.
   */
  category?: "service" | "advertising";
}

export interface SmsSendResult {
  providerMessageId: string;
  status: "queued" | "sent";
}

export interface SmsProvider {
  readonly name: string;
  send(message: OutgoingSms): Promise<SmsSendResult>;
  /**
   * After a crash between send and record, or before retrying an attempt whose send got no answer:
   * did the vendor accept the attempt with this key? "unknown" when the vendor cannot say (then
   * nothing is resent automatically). Optional.
   */
  lookup?(key: string, hint: SmsLookupHint): Promise<SmsLookupResult>;
  /**
   * Advertising in batches, for gateways whose advertising route takes a list of numbers per request
   * and answers one id for the whole batch (eSMS). Absent: advertising goes one by one through `send`.
   */
  readonly batch?: SmsBatchCapability;
  /**
   * Zalo notification messages (ZNS) by a template registered with Zalo, for gateways that carry them
   * (eSMS). Absent: the sender cannot send ZNS.
   */
  readonly zns?: ZnsCapability;
}

/** One ZNS: a template registered with Zalo, filled with this recipient's parameters. */
export interface OutgoingZns {
  /** E.164. */
  to: string;
  /** Zalo Official Account id. */
  oaId: string;
  /** Zalo's template id. */
  templateId: string;
  params: Record<string, string>;
  /** Our key for this attempt (the sms_messages row written before sending); a repeat is refused. */
  requestId: string;
}

export interface ZnsCapability {
  /**
   * Hands one ZNS to the gateway. Refusals throw SmsSendError; kind "not_on_channel" when the gateway
   * says at once that the number cannot be reached on Zalo. (eSMS says it later, in its callback.)
   */
  send(message: OutgoingZns): Promise<SmsSendResult & { duplicate: boolean }>;
  /** After a crash between send and record: did the gateway take the attempt with this key? */
  lookup(message: OutgoingZns): Promise<SmsLookupResult>;
}

/** One advertising request to many numbers: the same text to each. */
export interface OutgoingSmsBatch {
  /** E.164 numbers, each once. */
  to: string[];
  body: string;
  /**
   * Our key for the batch (written with the batch before sending). The gateway refuses a repeat of
   * it, so sending again under the same key after a crash settles the batch instead of resending it.
   */
  requestId: string;
}

export interface SmsBatchSendResult {
  /** The gateway's id of the batch, or a placeholder when a repeat was refused without naming it. */
  providerBatchId: string;
  /** true: the gateway had this requestId already (sent before a crash or a lost answer), nothing new went out. */
  duplicate: boolean;
}

/** One number of a batch as the gateway reports it. */
export interface SmsBatchReceiver {
  /** E.164. */
  to: string;
  status: "queued" | "sent" | "delivered" | "undelivered";
}

export interface SmsBatchCapability {
  /** Numbers per request the gateway accepts (fewer or more are refused as a whole). */
  readonly minNumbers: number;
  readonly maxNumbers: number;
  /** The longest a request may wait for its answer: a batch older than this is no longer in anyone's hands. */
  readonly answerWithinMs: number;
  send(batch: OutgoingSmsBatch): Promise<SmsBatchSendResult>;
  /** Per-number results of a batch by the gateway's id; undefined when the gateway does not know it (yet). */
  receivers(providerBatchId: string): Promise<SmsBatchReceiver[] | undefined>;
}

/** What we know of the attempt, for vendors that cannot search by our key. */
export interface SmsLookupHint {
  to: string;
  /** When the attempt was written, just before it was handed to the vendor. */
  sentAfter: Date;
  /** The exact text handed to the vendor (vendors without a client reference match on it). */
  body?: string;
  /** As on OutgoingSms; vendors whose look-up resubmits (eSMS) need the route. */
  category?: "service" | "advertising";
}

export type SmsLookupResult = { found: true; providerMessageId: string } | { found: false } | { found: "unknown" };

/**
 * What a refusal means, whichever vendor said it. Each vendor's file maps its own error codes to
 * these, so no code above the vendors has to know which of a vendor's codes means a STOP.
 * - unsubscribed: the recipient opted out at the carrier; never send to the number again.
 * - invalid_number: not a number that can receive SMS.
 * - throttled: the vendor is full or rate-limiting us; later will work.
 * - transient: a passing failure (timeout, 5xx).
 * - rejected: any other refusal that will repeat.
 * - not_on_channel: the number cannot be reached on this channel (no Zalo account, Zalo inactive or
 *   refusing the OA's messages); another channel (SMS) may still reach it.
 */
export type SmsFailureKind = "unsubscribed" | "invalid_number" | "throttled" | "transient" | "rejected" | "not_on_channel";

export class SmsSendError extends Error {
  /** See the constructor's `outcomeUnknown`. */
  readonly outcomeUnknown: boolean;
  /** The vendor-neutral meaning of `code`. */
  readonly kind: SmsFailureKind;

  constructor(
    message: string,
    /** true: throttling, timeouts, 5xx — a later attempt may succeed. false: the same message will always fail. */
    readonly transient: boolean,
    /** The vendor's own error code or a short name of the failure, kept as evidence; `kind` says what it means. */
    readonly code: string,
    options?: {
      cause?: unknown;
      /**
       * The request may have reached the vendor and been accepted (timeout, connection lost before
       * the answer). Before a retry the sender asks `lookup` instead of resending blindly.
       */
      outcomeUnknown?: boolean;
      /** Defaults to "transient" or "rejected" as `transient` says. */
      kind?: SmsFailureKind;
    },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "SmsSendError";
    this.outcomeUnknown = options?.outcomeUnknown === true;
    this.kind = options?.kind ?? (transient ? "transient" : "rejected");
  }
}
