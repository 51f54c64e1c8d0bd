// The development provider: nothing leaves the machine. The message is recorded in sms_messages
// (provider "sink") by sendSms like any other, logged with a masked number, and a delivery receipt
// follows after a delay, through the same code as Twilio's receipts. Configured rates simulate
// refused sends and undelivered messages, so the failure paths can be seen without a real gateway.
import { randomUUID } from "node:crypto";
import type { Db } from "../db/client.js";
import { maskPhone } from "../phone/mask.js";
import { applyMessageStatus } from "./messages.js";
import { type OutgoingSms, type SmsProvider, SmsSendError, type SmsSendResult } from "./provider.js";

export interface SinkOptions {
  db: Db;
  /** Share of sends refused with a permanent error (0–1). */
  failureRate?: number;
  /** Share of accepted messages whose receipt says "undelivered" (0–1). */
  undeliveredRate?: number;
  /** Delay before the simulated receipt; negative: no receipt at all. */
  receiptDelayMs?: number;
  random?: () => number;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export function createSinkSmsProvider(options: SinkOptions): SmsProvider {
  const { db, failureRate = 0, undeliveredRate = 0, receiptDelayMs = 1000, random = Math.random, log } = options;
  return {
    name: "sink",
    async send(message: OutgoingSms): Promise<SmsSendResult> {
      if (random() < failureRate) throw new SmsSendError("sink: simulated refusal", false, "sink_failure");
      const providerMessageId = `SINK${randomUUID().replace(/-/g, "")}`;
      log?.info({ to: maskPhone(message.to), providerMessageId, body: message.body }, "sink SMS (not sent anywhere)");
      if (receiptDelayMs >= 0) {
        const status = random() < undeliveredRate ? "undelivered" : "delivered";
        const messageId = idFromCallback(message.statusCallbackUrl);
        const timer = setTimeout(() => {
          applyMessageStatus(db, {
            messageId,
            providerMessageId,
            status,
            errorCode: status === "undelivered" ? "30003" : undefined,
            at: new Date(),
          }).catch((error: unknown) => log?.warn({ err: String(error), providerMessageId }, "sink receipt not applied"));
        }, receiptDelayMs);
        // A pending receipt must not keep a process alive at shutdown.
        timer.unref();
      }
      return { providerMessageId, status: "sent" };
    },
  };
}

function idFromCallback(url: string | undefined): number | undefined {
  if (!url) return undefined;
  const m = Number(new URL(url).searchParams.get("m"));
  return Number.isInteger(m) && m > 0 ? m : undefined;
}
