// Twilio hangs up on a webhook after 15 s and a caller hears silence long before that, so every voice
// webhook has a budget (VOICE_STEP_BUDGET_MS) for its database work. Past it the route answers safe
// TwiML; the work left behind cannot commit late, because its transaction is bounded by the same
// deadline (server/calls/call-lock.ts).

export class StepBudgetExceeded extends Error {
  constructor() {
    super("the voice step's time budget is spent");
    this.name = "StepBudgetExceeded";
  }
}

export interface Deadline {
  /** Epoch milliseconds by which the answer must be ready. */
  at: number;
  /** Milliseconds left; throws StepBudgetExceeded when none are. */
  remaining(): number;
}

export function deadlineAt(at: number): Deadline {
  return {
    at,
    remaining() {
      const left = at - Date.now();
      if (left <= 0) throw new StepBudgetExceeded();
      return left;
    },
  };
}

interface Log {
  error(obj: object, msg: string): void;
}

/**
 * The work's answer, or the fallback when the work fails or the deadline comes first. A caller who
 * hears an apology can call again; one who hears Twilio's "application error" after a 500 has been
 * dropped without a word.
 */
export async function answerBy<T>(deadline: Deadline, log: Log, work: () => Promise<T>, fallback: () => T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), Math.max(0, deadline.at - Date.now()));
  });
  try {
    const outcome = await Promise.race([work().then((value) => ({ value })), late]);
    if (outcome === "late") {
      log.error({ budgetExceeded: true }, "voice step ran out of time: answered safe TwiML");
      return fallback();
    }
    return outcome.value;
  } catch (error) {
    const err = error instanceof Error ? { name: error.name, message: error.message } : { message: String(error) };
    log.error({ err }, "voice step failed: answered safe TwiML");
    return fallback();
  } finally {
    clearTimeout(timer);
  }
}
