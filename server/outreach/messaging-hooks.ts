// What news from messaging means to outreach: a receipt moves the campaign recipient with its
// message, and a carrier's unsubscribe becomes an opt-out (without a confirmation SMS: the carrier
// already blocks the number). Registered by app.ts and worker.ts.
import type { MessagingHooks } from "../messaging/hooks.js";
import { applyReceiptToRecipient } from "./campaigns/receipts.js";
import { fallBackToSms } from "./campaigns/zns-fallback.js";
import { suppress } from "./consent/opt-outs/suppress.js";

export const outreachMessagingHooks: MessagingHooks = {
  unsubscribed: async (db, phone, detail, at) => {
    await suppress(db, phone, "provider", detail, at);
  },
  messageMoved: applyReceiptToRecipient,
  // A ZNS campaign's recipient goes to SMS; anyone else's message simply failed to arrive.
  notOnChannel: async (tx, messageId, at, errorCode) => {
    if (!(await fallBackToSms(tx, messageId, at, errorCode))) await applyReceiptToRecipient(tx, [messageId], "undelivered", at, errorCode);
  },
};
