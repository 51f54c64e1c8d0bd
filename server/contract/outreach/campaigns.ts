// The campaigns API (/api/campaigns): a campaign, its estimate, its progress and its recipients, and
// what the console sends to create or edit one.
import Type from "typebox";
import { CAMPAIGN_STATUSES, RECIPIENT_STATUSES } from "../enums.js";
import { MAX_BODY_CHARS } from "../limits.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const CampaignStatusSchema = StringEnum(CAMPAIGN_STATUSES);
export const RecipientStatusSchema = StringEnum(RECIPIENT_STATUSES);

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
export type Counts = WireOf<typeof Counts>;

export const Audience = Type.Object(
  {
    listIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 100 }),
    segmentIds: Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type Audience = WireOf<typeof Audience>;

/** How a campaign reaches people: SMS only, or a Zalo ZNS first and the SMS for numbers Zalo cannot reach. */
export const CAMPAIGN_CHANNELS = ["sms", "zns_sms_fallback"] as const;
export const CampaignChannel = StringEnum(CAMPAIGN_CHANNELS);

/** Per template parameter, where its value comes from: a contact variable or "const:<text>". */
export const ZnsParamSources = Type.Record(Type.String({ pattern: "^[A-Za-z0-9_]{1,64}$" }), Type.String({ maxLength: 200 }), {
  maxProperties: 30,
});

/** What the approver approved: the text, the sender, the channel (and ZNS template) and how many numbers the audience held. */
export const Approval = Type.Object({
  body: Type.String(),
  unaccented: Type.Boolean(),
  senderId: Type.Integer(),
  brandname: Type.String(),
  recipients: Type.Integer(),
  channel: Type.String(),
  zns: Nullable(
    Type.Object({
      znsTemplateId: Type.Integer(),
      oaId: Type.String(),
      templateId: Type.String(),
      preview: Type.String(),
      sources: Type.Record(Type.String(), Type.String()),
    }),
  ),
});
export type Approval = WireOf<typeof Approval>;

export const Campaign = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  status: CampaignStatusSchema,
  templateId: Nullable(Type.Integer()),
  body: Type.String(),
  unaccented: Type.Boolean(),
  senderId: Type.Integer(),
  audience: Audience,
  channel: CampaignChannel,
  znsTemplateId: Nullable(Type.Integer()),
  znsParams: Type.Record(Type.String(), Type.String()),
  scheduledAt: Nullable(DateTime),
  createdById: Type.Integer(),
  createdByName: Type.String(),
  approvedById: Nullable(Type.Integer()),
  approvedByName: Nullable(Type.String()),
  approvedAt: Nullable(DateTime),
  approval: Nullable(Approval),
  /** Who wrote any of it (created, edited, submitted, or wrote its template): none of them may approve it (two-person rule). */
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
export type Campaign = WireOf<typeof Campaign>;

export const CampaignInput = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 200 }),
    templateId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
    body: Type.Optional(Type.String({ maxLength: MAX_BODY_CHARS })),
    unaccented: Type.Optional(Type.Boolean()),
    senderId: Type.Integer({ minimum: 1, maximum: 2147483647 }),
    audience: Audience,
    /** Absent: SMS. */
    channel: Type.Optional(CampaignChannel),
    znsTemplateId: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 2147483647 }))),
    /** Overrides of the template's parameter sources; absent or empty: the template's own. */
    znsParams: Type.Optional(ZnsParamSources),
    scheduledAt: Type.Optional(Nullable(Type.String({ format: "date-time" }))),
  },
  // The console sends the whole record back on edit: read-only fields are dropped, not refused.
  { additionalProperties: true },
);
export type CampaignInput = WireOf<typeof CampaignInput>;

/** One rule of the sending policy, checked against the campaign. */
export const ComplianceItem = Type.Object({ rule: Type.String(), ok: Type.Boolean(), message: Type.String() });
export type ComplianceItem = WireOf<typeof ComplianceItem>;

export const Estimate = Type.Object({
  audience: Type.Integer(),
  duplicates: Type.Integer(),
  /** Unique numbers the launch will skip, by the same reasons the results count them (Counts.skippedByReason). */
  skippedByReason: Type.Record(Type.String(), Type.Integer()),
  sendable: Type.Integer(),
  encoding: Type.String(),
  segments: Type.Integer(),
  costVnd: Type.Integer(),
  compliance: Type.Array(ComplianceItem),
});
export type Estimate = WireOf<typeof Estimate>;

/** The message as one recipient of the audience will read it (label, filled variables, opt-out line). */
export const SampleMessage = Type.Object({
  text: Type.String(),
  encoding: Type.String(),
  characters: Type.Integer(),
  segments: Type.Integer(),
  perSegment: Type.Integer(),
  /** Variables the sample contact has no value for (they render empty). */
  missing: Type.Array(Type.String()),
  /** Whose values filled the variables (the number masked for those who see numbers masked); null: nobody in the audience. */
  contact: Nullable(Type.Object({ name: Nullable(Type.String()), phone: Type.String() })),
  /** A Zalo ZNS campaign: its template filled for the same contact, as Zalo shows it; null for SMS. */
  zns: Nullable(Type.Object({ text: Type.String(), params: Type.Record(Type.String(), Type.String()) })),
});
export type SampleMessage = WireOf<typeof SampleMessage>;

export const Progress = Type.Object({
  status: CampaignStatusSchema,
  counts: Counts,
  sendRatePerSecond: Type.Number(),
  pausedReason: Nullable(Type.String()),
  dispatchPendingSince: Nullable(DateTime),
  startedAt: Nullable(DateTime),
  etaSeconds: Nullable(Type.Integer()),
});
export type Progress = WireOf<typeof Progress>;

export const Recipient = Type.Object({
  id: Type.Integer(),
  campaignId: Type.Integer(),
  contactId: Nullable(Type.Integer()),
  phone: Type.String(),
  status: RecipientStatusSchema,
  /** The channel of the latest attempt: 'zns' or 'sms'; null before any. */
  channel: Type.Optional(Nullable(Type.String())),
  skipReason: Nullable(Type.String()),
  attempts: Type.Integer(),
  lastError: Nullable(Type.String()),
  notBefore: Nullable(DateTime),
  sentAt: Nullable(DateTime),
  deliveredAt: Nullable(DateTime),
  updatedAt: DateTime,
  /** Times this recipient opened a link with their own code; only with TRACKED_LINK_PER_RECIPIENT. */
  linkClicks: Type.Optional(Type.Integer()),
});
export type Recipient = WireOf<typeof Recipient>;
