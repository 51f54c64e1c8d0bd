// The audit log (/api/audit-logs): who changed or exported what, with the record before and after.
import Type from "typebox";
import { DateTime, Nullable, type WireOf } from "../schema.js";

export const AuditLog = Type.Object({
  id: Type.Integer(),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  action: Type.String(),
  resource: Type.String(),
  resourceId: Nullable(Type.String()),
  before: Type.Unknown(),
  after: Type.Unknown(),
  ip: Nullable(Type.String()),
  createdAt: DateTime,
});
export type AuditLog = WireOf<typeof AuditLog>;

/** What an audit entry records; the console names each (tthc.actions.*), and the type keeps writers to this list. */
export const AUDIT_ACTIONS = [
  "login",
  "login_failed",
  "logout",
  "create",
  "update",
  "delete",
  "password_reset",
  "listen",
  "export",
  "retention_purge",
  "publish",
  "activate",
  "simulate",
  "duty",
  "presence",
  "presence_pin",
  "answer_on",
  "callback_attempt",
  "claim",
  "release",
  "place_call",
  "transfer",
  "hangup_leg",
  "import",
  "add_members",
  "remove_members",
  "search_by_phone",
  "submit",
  "approve",
  "reject",
  "return_for_approval",
  "launch",
  "pause",
  "resume",
  "auto_pause",
  "cancel",
  "complete",
  "resend_failed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an audit entry is about (tthc.audit_resources.*). */
export const AUDIT_RESOURCES = [
  "agencies",
  "users",
  "auth",
  "calls",
  "call-notes",
  "note-categories",
  "recordings",
  "reports",
  "settings",
  "ivr-flow-versions",
  "hours-overrides",
  "callback-requests",
  "staff",
  "sms-templates",
  "sms-senders",
  "contacts",
  "contact-imports",
  "contact-lists",
  "segments",
  "suppressions",
  "dnc",
  "campaigns",
  "recipients",
  "audit-logs",
] as const;
export type AuditResource = (typeof AUDIT_RESOURCES)[number];
