// Case status by phone: a caller keys a reference (a case code today, a one-stop dossier code later)
// and hears where it stands. Each system that can answer is one adapter, named by the flow's lookup
// node (`lookup: case_status`); the webhook layer calls it before the interpreter runs, so the
// interpreter stays pure and only decides what to say and where to go (docs/cases.md).

/** The adapters a flow may name; ivr-flows/flow.schema.json lists the same names. */
export const STATUS_LOOKUP_NAMES = ["case_status"] as const;
export type StatusLookupName = (typeof STATUS_LOOKUP_NAMES)[number];

export interface StatusLookupAdapter {
  name: StatusLookupName;
  /**
   * The record the keyed digits name, or null when there is none. Must answer well within a voice
   * step's budget: the caller is waiting in silence (the webhook layer also cuts it short).
   */
  lookup(digits: string, now: Date): Promise<LookupResult | null>;
}

export interface LookupResult {
  /** GL-2026-004821: the caller hears its digits one by one. */
  reference: string;
  /** Vietnamese, for reading aloud after the reference ("đang được xử lý"). */
  stateLabel: string;
  /** YYYY-MM-DD: expected, or actual once answered; null when there is none to say. */
  expectedDate: string | null;
  /** Where "talk to a person" connects (an agency code of the tree), null when unknown. */
  agencyCode: string | null;
}
