// The expected wait a caller hears: from how fast the agency's queue has been served lately, never a
// promise. Silence (null) when there are too few recent answers to say anything.

/** Answers from the queue needed before any estimate is said. */
export const MIN_SAMPLES = 5;
/** Only the last hour's answers count: yesterday's pace says little about now. */
export const WINDOW_MS = 3_600_000;
/** A gap longer than this between two answers is an idle spell (nobody waiting), not the pace. */
const IDLE_GAP_MS = 600_000;

/**
 * Seconds until `position` is served: position × the mean interval between recent connections from
 * the queue (times the dispatcher assigned a waiting caller, oldest first), idle spells left out.
 */
export function expectedWaitSeconds(position: number, answeredAt: Date[], now: Date): number | null {
  const recent = answeredAt
    .map((at) => at.getTime())
    .filter((at) => at <= now.getTime() && now.getTime() - at <= WINDOW_MS)
    .sort((a, b) => a - b);
  if (recent.length < MIN_SAMPLES || position < 1) return null;
  const gaps = recent
    .slice(1)
    .map((at, i) => at - (recent[i] as number))
    .filter((gap) => gap <= IDLE_GAP_MS);
  if (gaps.length < MIN_SAMPLES - 1) return null;
  const interval = gaps.reduce((sum, gap) => sum + gap, 0) / gaps.length;
  return Math.round((position * interval) / 1000);
}
