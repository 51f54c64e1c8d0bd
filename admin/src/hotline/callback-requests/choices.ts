export const CALLBACK_STATUSES = ["open", "called_back", "unreachable", "closed"] as const;
export const OUTCOMES = ["reached", "no_answer", "busy", "wrong_number"] as const;

export const statusChoices = CALLBACK_STATUSES.map((id) => ({ id, name: `tthc.callbacks.statuses.${id}` }));
export const outcomeChoices = OUTCOMES.map((id) => ({ id, name: `tthc.callbacks.outcomes.${id}` }));

export interface CallbackAttempt {
  id: number;
  userId: number;
  userName: string;
  outcome: string;
  note: string | null;
  createdAt: string;
}

export interface CallbackRequest {
  id: number;
  callId: number | null;
  agencyId: number;
  phone: string;
  status: (typeof CALLBACK_STATUSES)[number];
  dueAt: string;
  attemptCount: number;
  lastAttemptAt: string | null;
  createdAt: string;
  updatedAt: string;
  agency?: { id: number; code: string; name: string };
  attempts?: CallbackAttempt[];
}
