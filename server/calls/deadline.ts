// Twilio hangs up on a webhook after 15 s and a caller hears silence long before that, so every voice
// webhook has a budget (VOICE_STEP_BUDGET_MS) for its database work. Past it degraded mode answers
// (server/calls/degraded/step-budget.ts); the work left behind cannot commit late, because its
// transaction is bounded by the same deadline (server/calls/call-lock.ts).

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
