// Request and response schemas of /api/campaigns.
import Type from "typebox";
import { DateTime, Nullable } from "../http/schemas.js";

export const STATUSES = ["draft", "pending_approval", "scheduled", "running", "paused", "completed", "cancelled"] as const;
export const RECIPIENT_STATUSES = ["pending", "sending", "sent", "delivered", "failed", "skipped"] as const;

export const Counts = Type.Object({
  total: Type.Integer(),
  pending: Type.Integer(),
  sending: Type.Integer(),
  sent: Type.Integer(),
  delivered: Type.Integer(),
  failed: Type.Integer(),
  skipped: Type.Integer(),
  skippedByReason: Type.Record(Type.String(), Type.Integer()),
});
export const AudienceSchema = Type.Object(
  {
    listIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 100 }),
    segmentIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 100 }),
  },
  { additionalProperties: false },
);
/** What the approver approved: the text, the sender and how many numbers the audience held. */
export const ApprovalSchema = Type.Object({
  body: Type.String(),
  unaccented: Type.Boolean(),
  senderId: Type.Integer(),
  brandname: Type.String(),
  recipients: Type.Integer(),
});
export const Campaign = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  status: Type.String(),
  templateId: Nullable(Type.Integer()),
  body: Type.String(),
  unaccented: Type.Boolean(),
  senderId: Type.Integer(),
  audience: AudienceSchema,
  scheduledAt: Nullable(DateTime),
  createdById: Type.Integer(),
  createdByName: Type.String(),
  approvedById: Nullable(Type.Integer()),
  approvedByName: Nullable(Type.String()),
  approvedAt: Nullable(DateTime),
  approval: Nullable(ApprovalSchema),
  /** Who wrote any of it (created, edited, submitted, or wrote its template): none of them may approve it. */
  editorIds: Type.Array(Type.Integer()),
  launchedAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  pausedReason: Nullable(Type.String()),
  /**
   * Set while a committed launch (or resume, or resend) waits for the job queue: Redis was
   * unreachable, and the worker starts the dispatcher as soon as it is back.
   */
  dispatchPendingSince: Nullable(DateTime),
  counts: Counts,
  createdAt: DateTime,
  updatedAt: DateTime,
});
export const CampaignInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    templateId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
    body: Type.Optional(Type.String({ maxLength: 1600 })),
    unaccented: Type.Optional(Type.Boolean()),
    senderId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    audience: AudienceSchema,
    scheduledAt: Type.Optional(Nullable(Type.String({ format: "date-time" }))),
  },
  // The console sends the whole record back on edit: read-only fields are dropped, not refused.
  { additionalProperties: true },
);
export type CampaignBody = Type.Static<typeof CampaignInput>;

export const Estimate = Type.Object({
  audience: Type.Integer(),
  duplicates: Type.Integer(),
  suppressed: Type.Integer(),
  dnc: Type.Integer(),
  noConsent: Type.Integer(),
  sendable: Type.Integer(),
  encoding: Type.String(),
  segments: Type.Integer(),
  costVnd: Type.Integer(),
  compliance: Type.Array(Type.Object({ rule: Type.String(), ok: Type.Boolean(), message: Type.String() })),
});
export const Progress = Type.Object({
  status: Type.String(),
  counts: Counts,
  sendRatePerSecond: Type.Number(),
  pausedReason: Nullable(Type.String()),
  dispatchPendingSince: Nullable(DateTime),
  startedAt: Nullable(DateTime),
  etaSeconds: Nullable(Type.Integer()),
});
export const Recipient = Type.Object({
  id: Type.Integer(),
  campaignId: Type.Integer(),
  contactId: Nullable(Type.Integer()),
  phone: Type.String(),
  status: Type.String(),
  skipReason: Nullable(Type.String()),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  notBefore: Nullable(DateTime),
  sentAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
  updatedAt: DateTime,
});
