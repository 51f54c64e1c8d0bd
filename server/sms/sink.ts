// The development provider: nothing leaves the machine. The message is recorded in sms_messages
// (provider "sink") by sendSms like any other, logged with a masked number, and a delivery receipt
// follows after a delay, through the same code as Twilio's receipts. Configured rates simulate
// refused sends and undelivered messages, so the failure paths can be seen without a real gateway.
import { randomUUID } from "node:crypto";
import { appendFileSync, existsSync, readFileSync } from "node:fs";
import type { Db } from "../db/client.js";
import { maskPhone } from "../phone/mask.js";
import { applyMessageStatus } from "./messages.js";
import { type OutgoingSms, type SmsLookupResult, type SmsProvider, SmsSendError, type SmsSendResult } from "./provider.js";

export interface SinkOptions {
  db: Db;
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
  const { db, failureRate = 0, undeliveredRate = 0, receiptDelayMs = 1000, random = Math.random, log, journal } = options;
  return {
    name: "sink",
    async send(message: OutgoingSms): Promise<SmsSendResult> {
      if (random() < failureRate) throw new SmsSendError("sink: simulated refusal", false, "sink_failure");
      const providerMessageId = `SINK${randomUUID().replace(/-/g, "")}`;
      // Written synchronously: once send() returns, the line is in the file even if the process is
      // killed the next instant (the operating system keeps it).
      if (journal) {
        const entry = { key: message.idempotencyKey ?? null, to: message.to, providerMessageId, at: new Date().toISOString() };
        appendFileSync(journal, `${JSON.stringify(entry)}\n`);
      }
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
    async lookup(key: string): Promise<SmsLookupResult> {
      if (!journal) return { found: "unknown" };
      const entry = readSinkJournal(journal).find((e) => e.key === key);
      return entry ? { found: true, providerMessageId: entry.providerMessageId } : { found: false };
    },
  };
}

export interface SinkJournalEntry {
  key: string | null;
  to: string;
  providerMessageId: string;
  at: string;
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
