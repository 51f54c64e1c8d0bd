// The administrator's view of the platform (GET /api/system/health): what /readyz checks, plus the
// backlog and failures of every job queue.
import Type from "typebox";
import { DateTime, type WireOf } from "../schema.js";

export const DependencyCheck = Type.Object({ ok: Type.Boolean(), error: Type.Optional(Type.String()) });

export const QueueFigures = Type.Object({
  name: Type.String(),
  /** Jobs not yet started: waiting (also while the queue is paused), delayed (retries, scheduled launches) or prioritised. */
  backlog: Type.Integer(),
  active: Type.Integer(),
  /** Jobs that used up their attempts (kept for 30 days, up to 5,000). */
  failed: Type.Integer(),
});
export type QueueFigures = WireOf<typeof QueueFigures>;

export const SystemHealth = Type.Object({
  status: Type.Union([Type.Literal("ok"), Type.Literal("unavailable")]),
  checks: Type.Record(Type.String(), DependencyCheck),
  /** Empty while Redis is unreachable (the queues live there). */
  queues: Type.Array(QueueFigures),
  checkedAt: DateTime,
});
export type SystemHealth = WireOf<typeof SystemHealth>;
