// A caller's wait, one definition for the live board and the reports: the seconds spent in agency
// queues (calls.queue_seconds) plus the ringing before a staff member answered (ring_seconds, or
// while the call is still going, answered_at − ring_started_at). Without a queue it is the ring
// time the satisfaction report always called the wait.
import { Prisma } from "../../generated/prisma/client.js";

/** The wait of the call aliased `c`, in seconds (float8); null when the call never rang nor queued. */
export const waitSql = (c = "c") => {
  const col = (name: string) => Prisma.raw(`${c}.${name}`);
  return Prisma.sql`(CASE WHEN ${col("queue_seconds")} IS NULL AND ${col("ring_seconds")} IS NULL AND ${col("ring_started_at")} IS NULL THEN NULL
    ELSE COALESCE(${col("queue_seconds")}, 0) + COALESCE(${col("ring_seconds")}::float8,
      EXTRACT(EPOCH FROM ${col("answered_at")} - ${col("ring_started_at")})::float8, 0) END)::float8`;
};
