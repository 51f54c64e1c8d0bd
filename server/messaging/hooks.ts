// News from the vendors that the wings above act on. Messaging knows nothing of campaigns or
// opt-outs: outreach registers what a carrier's unsubscribe and a message's progress mean to it
// (server/outreach/messaging-hooks.ts), once per process, from app.ts and worker.ts.
import type { Db } from "../platform/db/client.js";
import type { MessageStatus } from "./status.js";

export interface MessagingHooks {
  /** The vendor says the number unsubscribed at the carrier. Must be idempotent; `detail` is the vendor's code. */
  unsubscribed(db: Db, phone: string, detail: string, at: Date): Promise<void>;
  /** Messages moved forward to `status`. Runs inside the receipt's transaction, so both move or neither does. */
  messageMoved(tx: Db, messageIds: number[], status: MessageStatus, at: Date, errorCode?: string): Promise<void>;
  /**
   * The message (a Zalo ZNS) could not reach its number on its channel and was marked undelivered;
   * another channel may. Runs inside the receipt's transaction, instead of messageMoved.
   */
  notOnChannel(tx: Db, messageId: number, at: Date, errorCode: string): Promise<void>;
}

// A set: the app and the worker may both be built in one process (tests) and register the same hooks.
const registered = new Set<MessagingHooks>();

export function registerMessagingHooks(hooks: MessagingHooks): void {
  registered.add(hooks);
}

export async function announceUnsubscribed(db: Db, phone: string, detail: string, at: Date): Promise<void> {
  for (const hooks of registered) await hooks.unsubscribed(db, phone, detail, at);
}

export async function announceMessageMoved(
  tx: Db,
  messageIds: number[],
  status: MessageStatus,
  at: Date,
  errorCode?: string,
): Promise<void> {
  if (messageIds.length === 0) return;
  for (const hooks of registered) await hooks.messageMoved(tx, messageIds, status, at, errorCode);
}

export async function announceNotOnChannel(tx: Db, messageId: number, at: Date, errorCode: string): Promise<void> {
  for (const hooks of registered) await hooks.notOnChannel(tx, messageId, at, errorCode);
}
