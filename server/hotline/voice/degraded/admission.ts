// Admission control for the voice webhooks that need the database. Without it, a burst of callers
// starts more steps than the pool and the CPU can finish within the step budget: they all slow down
// together, most overrun the budget, and their work goes on after the degraded answer has gone out,
// stealing the time the next webhooks needed. With it, at most `limit` steps run at once (about the
// pool's size, so an admitted step never waits for a connection) and the others wait; one still
// waiting when it could no longer finish within its budget is answered the degraded TwiML without its
// work ever starting.
//
// Who goes next when a slot frees up:
// - in arrival order while the queue drains quickly, whatever the webhook: a new call then waits only
//   as long as the line ahead of it takes, which is well within its budget;
// - once the oldest call in progress waiting has waited a third of its budget (or, with none, the
//   oldest new call), the queue is standing (overload): then
//   newest first (adaptive LIFO), and calls in progress before new calls. In overload, arrival order
//   hands every slot to a webhook that has nearly run out of time, so it overruns too and nothing
//   finishes in time; newest first keeps serving webhooks that can still make it, and a caller already
//   in the menu or talking to staff loses more from a busy message than one who just rang.

export type Priority = "call" | "new-call";

export interface Admission {
  /**
   * A slot for one step, released by calling the function returned (once the step's work has settled,
   * late or not), or null when none freed up while the step could still finish within `withinMs`.
   */
  enter(withinMs: number, priority?: Priority): Promise<(() => void) | null>;
  /** Steps running and waiting now (for the logs). */
  load(): { running: number; waiting: number };
}

interface Waiter {
  admit(release: () => void): void;
  timer: NodeJS.Timeout;
  priority: Priority;
  /** performance.now() at which waiting has taken a third of the budget. */
  staleAt: number;
}

/** How long a step has held its slot lately: a moving average, so a slower machine sheds sooner. */
const SMOOTHING = 0.1;

export function admission(limit: number): Admission {
  let running = 0;
  /** In arrival order. */
  const waiting: Waiter[] = [];
  let stepMs = 20;

  const next = (): Waiter | undefined => {
    // Standing is judged by the calls in progress: new calls left waiting while it stands must not
    // keep it standing once calls in progress are served in time again.
    const oldest = waiting.find((waiter) => waiter.priority === "call") ?? waiting[0];
    if (!oldest || performance.now() < oldest.staleAt) return waiting.shift();
    const newestCall = waiting.findLastIndex((waiter) => waiter.priority === "call");
    return newestCall >= 0 ? waiting.splice(newestCall, 1)[0] : waiting.pop();
  };

  const slot = (): (() => void) => {
    running++;
    const since = performance.now();
    let released = false;
    return () => {
      if (released) return;
      released = true;
      running--;
      stepMs += SMOOTHING * (performance.now() - since - stepMs);
      const waiter = next();
      if (waiter) {
        clearTimeout(waiter.timer);
        waiter.admit(slot());
      }
    };
  };

  return {
    async enter(withinMs, priority = "call") {
      if (running < limit && waiting.length === 0) return slot();
      // Past the point where this step could still finish in time, waiting only delays the degraded answer.
      const latestStart = withinMs - Math.min(stepMs, withinMs / 2);
      if (latestStart <= 0) return null;
      return new Promise((resolve) => {
        const waiter: Waiter = {
          admit: resolve,
          priority,
          staleAt: performance.now() + withinMs / 3,
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
