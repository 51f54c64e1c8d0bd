// Admission control for the voice webhooks that need the database. Without it, a burst of callers
// starts more steps than the pool and the CPU can finish within the step budget: they all slow down
// together, most overrun the budget, and their work goes on after the degraded answer has gone out,
// stealing the time the next webhooks needed. With it, at most `limit` steps run at once (about the
// pool's size, so an admitted step never waits for a connection), the others wait in arrival order,
// and one still waiting when it could no longer finish within its budget is answered the degraded
// TwiML without ever starting. Turning webhooks away earlier, on a forecast of the queue, was tried
// and measured worse: a caller turned away places a new call at once, so the shedding fed itself.

export interface Admission {
  /**
   * A slot for one step, released by calling the function returned (once the step's work has settled,
   * late or not), or null when none freed up while the step could still finish within `withinMs`.
   */
  enter(withinMs: number): Promise<(() => void) | null>;
  /** Steps running and waiting now (for the logs). */
  load(): { running: number; waiting: number };
}

interface Waiter {
  admit(release: () => void): void;
  timer: NodeJS.Timeout;
}

/** How long a step has held its slot lately: a moving average, so a slower machine sheds sooner. */
const SMOOTHING = 0.1;

export function admission(limit: number): Admission {
  let running = 0;
  const waiting: Waiter[] = [];
  let stepMs = 20;

  const slot = (): (() => void) => {
    running++;
    const since = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      running--;
      stepMs += SMOOTHING * (performance.now() - since - stepMs);
      const next = waiting.shift();
      if (next) {
        clearTimeout(next.timer);
        next.admit(slot());
      }
    };
  };

  return {
    async enter(withinMs) {
      if (running < limit && waiting.length === 0) return slot();
      // Past the point where this step could still finish in time, waiting only delays the degraded answer.
      const latestStart = withinMs - Math.min(stepMs, withinMs / 2);
      if (latestStart <= 0) return null;
      return new Promise((resolve) => {
        const waiter: Waiter = {
          admit: resolve,
          timer: setTimeout(() => {
            waiting.splice(waiting.indexOf(waiter), 1);
            resolve(null);
          }, latestStart),
        };
        waiting.push(waiter);
      });
    },
    load: () => ({ running, waiting: waiting.length }),
  };
}
