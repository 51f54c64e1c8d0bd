// A bound on how long a request handler waits for Redis. With a fail-fast connection a call fails at
// once while Redis is down, but a queue created during an outage first waits for its connection to
// become ready; the deadline covers that case too. The call itself is not cancelled: it completes
// later or fails, so only idempotent calls (jobs with a fixed jobId) belong here.
export const QUEUE_DEADLINE_MS = 500;

export class QueueUnreachableError extends Error {
  constructor(what: string, cause?: unknown) {
    super(`${what}: the job queue (Redis) did not answer`, cause === undefined ? undefined : { cause });
    this.name = "QueueUnreachableError";
  }
}

export async function withinDeadline<T>(what: string, work: Promise<T>, ms = QUEUE_DEADLINE_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new QueueUnreachableError(what)), ms);
  });
  // A late rejection after the deadline has nobody waiting for it; it must not crash the process.
  work.catch(() => {});
  try {
    return await Promise.race([work, expired]);
  } catch (error) {
    throw error instanceof QueueUnreachableError ? error : new QueueUnreachableError(what, error);
  } finally {
    clearTimeout(timer);
  }
}
