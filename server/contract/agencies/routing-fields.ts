// An agency's routing settings as names and bounds: plain values the console bundles without the schemas.

/**
 * How calls reach an agency: the digits a caller dials, how its staff are rung, where calls go when
 * nobody answers, its opening hours, and how callers wait in its line (docs/queues.md). A supervisor
 * may change these on their own subtree; administrators change everything.
 */
export const ROUTING_FIELDS = [
  "dialCode",
  "ringStrategy",
  "ringTimeoutSeconds",
  "fallbackId",
  "weeklyHours",
  "observeHolidays",
  "wrapUpSeconds",
  "queueMaxWaitSeconds",
  "queueMaxLength",
  "queueWhenNoneAvailable",
  "holdMusicUrl",
] as const;

/** The bounds of the waiting line and after-call settings, which the API and the form share. */
export const QUEUE_LIMITS = {
  wrapUpSeconds: { minimum: 0, maximum: 600 },
  queueMaxWaitSeconds: { minimum: 30, maximum: 1800 },
  /** 0 turns the queue off. */
  queueMaxLength: { minimum: 0, maximum: 100 },
} as const;
