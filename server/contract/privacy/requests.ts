// Data-subject requests (/api/privacy-requests): the requests register under Law 91/2025 and Decree
// 356/2025 (issue 15, docs/privacy-requests.md "The requests register").
import Type from "typebox";
import {
  type DataSubjectRequestChannel,
  type DataSubjectRequestKind,
  type DataSubjectRequestState,
  PRIVACY_REQUEST_CHANNELS,
  PRIVACY_REQUEST_KINDS,
  PRIVACY_REQUEST_STATES,
} from "../enums.js";
import { DateTime, Nullable, StringEnum, type WireOf } from "../schema.js";

export const PrivacyRequest = Type.Object({
  id: Type.Integer(),
  /** YC-2026-0042 */
  reference: Type.String(),
  /** E.164; null once cleared after the request closed. */
  phone: Nullable(Type.String()),
  requesterName: Type.String(),
  identityCheck: Type.String(),
  kind: StringEnum<DataSubjectRequestKind>(PRIVACY_REQUEST_KINDS),
  channel: StringEnum<DataSubjectRequestChannel>(PRIVACY_REQUEST_CHANNELS),
  state: StringEnum<DataSubjectRequestState>(PRIVACY_REQUEST_STATES),
  receivedAt: DateTime,
  /** The last day to acknowledge, YYYY-MM-DD (Vietnam): 2 working days after receipt. */
  acknowledgeBy: Type.String(),
  /** The last day to complete, YYYY-MM-DD (Vietnam): 15 days after receipt, or the next working day. */
  completeBy: Type.String(),
  acknowledgedAt: Nullable(DateTime),
  completedAt: Nullable(DateTime),
  /** Open and past a pending deadline. */
  overdue: Type.Boolean(),
  /** Open, not overdue, and a pending deadline within 2 days. */
  dueSoon: Type.Boolean(),
  handlerId: Nullable(Type.Integer()),
  handlerName: Nullable(Type.String()),
  outcome: Nullable(Type.String()),
  documents: Type.Unknown(),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type PrivacyRequest = WireOf<typeof PrivacyRequest>;

/** One step of a request's history, from the audit log (numbers never in clear there). */
export const PrivacyRequestEvent = Type.Object({
  id: Type.Integer(),
  action: Type.String(),
  actorName: Nullable(Type.String()),
  state: Nullable(Type.String()),
  note: Nullable(Type.String()),
  createdAt: DateTime,
});
export type PrivacyRequestEvent = WireOf<typeof PrivacyRequestEvent>;

/** GET one: with its history. */
export const PrivacyRequestDetail = Type.Intersect([PrivacyRequest, Type.Object({ history: Type.Array(PrivacyRequestEvent) })]);
export type PrivacyRequestDetail = WireOf<typeof PrivacyRequestDetail>;

const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength });

/** POST /api/privacy-requests */
export const PrivacyRequestCreate = Type.Object(
  {
    /** Any form: 0912 345 678, 84912345678, +84.912.345.678, the old 11-digit forms. */
    phone: Type.String({ maxLength: 32 }),
    requesterName: Text(200),
    identityCheck: Text(1000),
    kind: StringEnum<DataSubjectRequestKind>(PRIVACY_REQUEST_KINDS),
    channel: StringEnum<DataSubjectRequestChannel>(PRIVACY_REQUEST_CHANNELS),
    /** When the request arrived (a letter's date); now when absent. Never in the future. */
    receivedAt: Type.Optional(DateTime),
  },
  { additionalProperties: false },
);
export type PrivacyRequestCreate = Type.Static<typeof PrivacyRequestCreate>;

/** PUT /api/privacy-requests/:id: the requester's details, the handler, the outcome so far. */
export const PrivacyRequestUpdate = Type.Object(
  {
    requesterName: Type.Optional(Text(200)),
    identityCheck: Type.Optional(Text(1000)),
    handlerId: Type.Optional(Nullable(Type.Integer({ minimum: 1 }))),
    outcome: Type.Optional(Nullable(Type.String({ maxLength: 4000 }))),
  },
  { additionalProperties: false },
);
export type PrivacyRequestUpdate = WireOf<typeof PrivacyRequestUpdate>;

/** POST /:id/complete */
export const PrivacyRequestComplete = Type.Object({ outcome: Text(4000) }, { additionalProperties: false });
/** POST /:id/reject */
export const PrivacyRequestReject = Type.Object({ reason: Text(4000) }, { additionalProperties: false });

/** GET /api/privacy-requests/due: the home card. */
export const PrivacyRequestsDue = Type.Object({
  overdue: Type.Integer(),
  dueSoon: Type.Integer(),
  /** The most urgent few, overdue first. */
  items: Type.Array(
    Type.Object({
      id: Type.Integer(),
      reference: Type.String(),
      kind: StringEnum<DataSubjectRequestKind>(PRIVACY_REQUEST_KINDS),
      state: StringEnum<DataSubjectRequestState>(PRIVACY_REQUEST_STATES),
      /** The pending deadline that matters: acknowledgeBy until acknowledged, then completeBy. */
      dueDate: Type.String(),
      overdue: Type.Boolean(),
    }),
  ),
});
export type PrivacyRequestsDue = WireOf<typeof PrivacyRequestsDue>;
