// Message statuses only move forward: callbacks arrive late, twice or out of order, and a "sent"
// arriving after "delivered" must not undo it. Twilio's outbound statuses, ranked.

export const MESSAGE_STATUSES = ["queued", "sending", "sent", "delivered", "undelivered", "failed"] as const;
export type MessageStatus = (typeof MESSAGE_STATUSES)[number];

const RANK: Record<MessageStatus, number> = { queued: 0, sending: 1, sent: 2, delivered: 3, undelivered: 3, failed: 3 };

/** Twilio's other names for the first steps (accepted and scheduled: still in Twilio's queue; canceled: never sent). */
const ALIASES: Record<string, MessageStatus> = { accepted: "queued", scheduled: "queued", canceled: "failed" };

export function normalizeMessageStatus(status: string): MessageStatus | undefined {
  if ((MESSAGE_STATUSES as readonly string[]).includes(status)) return status as MessageStatus;
  return ALIASES[status];
}

export function messageStatusRank(status: string): number {
  const known = normalizeMessageStatus(status);
  return known === undefined ? -1 : RANK[known];
}

/** The statuses a message may be in for `next` to replace it: strictly lower ranks only. */
export function statusesBelow(next: MessageStatus): MessageStatus[] {
  return MESSAGE_STATUSES.filter((status) => RANK[status] < RANK[next]);
}

export const isFinalMessageStatus = (status: string) => messageStatusRank(status) === 3;
