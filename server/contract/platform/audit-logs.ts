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
