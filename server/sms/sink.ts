// The development provider: nothing leaves the machine. The message is recorded in sms_messages
// (provider "sink") by sendSms like any other, logged with a masked number, and a delivery receipt
// follows after a delay as a queue job (sink-receipts.ts) applied by the worker through the same code
// as Twilio's receipts, so it survives a killed process and a database outage. Configured rates
// simulate refused sends and undelivered messages, so the failure paths can be seen without a gateway.
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import { maskPhone } from "../phone/mask.js";
import { type OutgoingSms, type SmsLookupResult, type SmsProvider, SmsSendError, type SmsSendResult } from "./provider.js";
import type { SinkReceiptJobData, SinkReceipts } from "./sink-receipts.js";

export interface SinkOptions {
  /** Where simulated receipts go; without it (or with a negative delay) there are none. */
  receipts?: SinkReceipts;
  /** Share of sends refused with a permanent error (0–1). */
  failureRate?: number;
  /** Share of accepted messages whose receipt says "undelivered" (0–1). */
  undeliveredRate?: number;
  /** Delay before the simulated receipt; negative: no receipt at all. */
  receiptDelayMs?: number;
  random?: () => number;
  /**
   * A file where every accepted message is appended as one JSON line {key, to, providerMessageId, at}
   * before send() returns: the sink's own record of what it "delivered", independent of our
   * database, which tests and `lookup` read. Unset: no journal, and lookup answers "unknown".
   */
  journal?: string;
  log?: { info(obj: object, msg: string): void; warn(obj: object, msg: string): void };
}

export function createSinkSmsProvider(options: SinkOptions): SmsProvider {
  const { receipts, failureRate = 0, undeliveredRate = 0, receiptDelayMs = 1000, random = Math.random, log, journal } = options;
  return {
    name: "sink",
    async send(message: OutgoingSms): Promise<SmsSendResult> {
      if (random() < failureRate) throw new SmsSendError("sink: simulated refusal", false, "sink_failure");
      const providerMessageId = `SINK${randomUUID().replace(/-/g, "")}`;
      const receipt = receipts && receiptDelayMs >= 0 ? (random() < undeliveredRate ? "undelivered" : "delivered") : undefined;
      // Written synchronously: once send() returns, the line is in the file even if the process is
      // killed the next instant (the operating system keeps it).
      if (journal) {
        const entry: SinkJournalEntry = {
          key: message.idempotencyKey ?? null,
          to: message.to,
          providerMessageId,
          at: new Date().toISOString(),
          ...(receipt ? { receipt } : {}),
        };
        appendFileSync(journal, `${JSON.stringify(entry)}\n`);
      }
      log?.info({ to: maskPhone(message.to), providerMessageId, body: message.body }, "sink SMS (not sent anywhere)");
      if (receipt) await scheduleReceipt({ messageId: idFromCallback(message.statusCallbackUrl), providerMessageId, status: receipt });
      return { providerMessageId, status: "sent" };
    },
    async lookup(key: string): Promise<SmsLookupResult> {
      if (!journal) return { found: "unknown" };
      const entry = readSinkJournal(journal).find((e) => e.key === key);
      if (!entry) return { found: false };
      // Asked after a crash: the process that accepted the message may have died before queueing its
      // receipt. Queued again (one job per message; a repeated receipt changes nothing), as a real
      // gateway would still report a message it has.
      if (entry.receipt) await scheduleReceipt({ providerMessageId: entry.providerMessageId, status: entry.receipt });
      return { found: true, providerMessageId: entry.providerMessageId };
    },
  };

  async function scheduleReceipt(receipt: Omit<SinkReceiptJobData, "errorCode">): Promise<void> {
    // The message is accepted whatever happens here: a send must never fail (and be retried)
    // because its simulated receipt could not be queued.
    await receipts
      ?.schedule({ ...receipt, ...(receipt.status === "undelivered" ? { errorCode: "30003" } : {}) }, receiptDelayMs)
      .catch((error: unknown) =>
        log?.warn({ err: String(error), providerMessageId: receipt.providerMessageId }, "sink receipt not queued"),
      );
  }
}

export interface SinkJournalEntry {
  key: string | null;
  to: string;
  providerMessageId: string;
  at: string;
  /** The simulated receipt decided when the message was accepted. */
  receipt?: "delivered" | "undelivered";
}

/** Every message the sink accepted, in order (a torn last line from a killed process is ignored). */
export function readSinkJournal(path: string): SinkJournalEntry[] {
  if (!existsSync(path)) return [];
  const entries: SinkJournalEntry[] = [];
  for (const line of readFileSync(path, "utf8").split("\n")) {
    if (!line) continue;
    try {
      entries.push(JSON.parse(line) as SinkJournalEntry);
    } catch {
      // a partial line: the write was cut by a kill before it completed
    }
  }
  return entries;
}

function idFromCallback(url: string | undefined): number | undefined {
  if (!url) return undefined;
  const m = Number(new URL(url).searchParams.get("m"));
  return Number.isInteger(m) && m > 0 ? m : undefined;
}
