// Public types of the IVR interpreter: what the webhook layer passes in (env, events, state) and
// gets back (actions for the TwiML renderer, effects to persist). All plain JSON-friendly data.
import type { LookupResult } from "../status-lookup/adapter.js";
import type { NodeKind } from "./flow.js";

export type ResolvedPrompt = { say: string; voice: string; language: string } | { play: string };

export interface StaffSnapshot {
  id: number;
  name: string;
  phone: string | null;
  clientIdentity: string | null;
}

/** An agency's queue settings (console), as routing reads them. */
export interface QueueSettings {
  /** 0: no queue, calls fall through as before. */
  maxLength: number;
  maxWaitSeconds: number;
  /** Queue even when nobody is available at all (everyone away or offline). */
  whenNoneAvailable: boolean;
  /** Callers waiting now (counted when the snapshot was read). */
  waiting: number;
  /** The agency's own hold music; absent or null plays the shipped file. */
  holdMusicUrl?: string | null;
}

/** An agency as the webhook layer sees it now: hours, holidays and duty rosters already evaluated. */
export interface AgencySnapshot {
  id: number;
  code: string;
  name: string;
  open: boolean;
  ringStrategy: "simultaneous" | "sequential";
  ringTimeoutSeconds: number;
  fallbackCode: string | null;
  /** Available to be rung now, active, with a phone or a Client identity. */
  staff: StaffSnapshot[];
  /** Staff on a call or in after-call work: they will be free soon, so a caller may wait for them. */
  busyStaff: number;
  queue: QueueSettings;
}

export interface IvrEnv {
  now: Date;
  agency(code: string): AgencySnapshot | undefined;
  agencyByDialCode(code: string): AgencySnapshot | undefined;
}

export type DialStatus = "completed" | "busy" | "no-answer" | "failed" | "canceled";

export type IvrEvent =
  | { type: "start" }
  /**
   * A call the hotline placed to call a citizen back: the staff member hung up and the citizen is still
   * on the line. The call enters the flow at the survey answered calls get, for that staff member.
   */
  | { type: "callback-ended"; agencyId: number; staffId: number }
  /**
   * digits "" means nothing was pressed before the timeout. presencePin: at a staff_presence_pin input,
   * the webhook layer's check of caller ID plus PIN (null: refused, whatever the reason). lookup: at a
   * lookup node, what the flow's status adapter found for the digits (null: nothing, or no answer in time).
   */
  | { type: "gather"; digits: string; presencePin?: PresencePinResult | null; lookup?: LookupResult | null }
  /** acceptedStaffId: the staff member who pressed the key in the whisper; only then was the call answered by a person. */
  | { type: "dial-ended"; status: DialStatus; acceptedStaffId: number | null; durationSeconds: number }
  | { type: "recorded"; durationSeconds: number }
  /**
   * One turn of the wait loop (or the dispatcher moving the call to connect it): what the webhook
   * layer read of the caller's queue entry. digits: a key pressed during the announcement, "" if none.
   */
  | {
      type: "queue-tick";
      digits: string;
      waitedSeconds: number;
      position: number;
      /** From recent answered waits; null when there are too few to say anything. */
      expectedWaitSeconds: number | null;
      /** The staff member the dispatcher reserved for this caller, to be dialled now. */
      assigned: DialTarget | null;
    }
  /**
   * The staff member on the call passes the caller on (cold transfer): announced, then routed to the
   * agency as if the caller had chosen it, the topic kept. placedAt: the caller's place in that
   * agency's queue (their call's start, ISO), so a transferred caller is not sent to the back.
   */
  | { type: "transfer"; agencyCode: string; agencyName: string; fromStaffId: number; placedAt: string };

/** A staff member recognised by caller ID and PIN, and the state the toggle takes them to. */
export interface PresencePinResult {
  staffId: number;
  state: "available" | "away";
}

export interface DialTarget {
  staffId: number;
  phone?: string;
  clientIdentity?: string;
}

export type Action =
  | { type: "say"; prompt: ResolvedPrompt }
  | { type: "gather"; prompts: ResolvedPrompt[]; timeoutSeconds: number; numDigits?: number; finishOnKey?: string; language?: string }
  | { type: "dial"; agencyId: number; topic: string; topicId: string | null; targets: DialTarget[]; timeoutSeconds: number; record: true }
  | { type: "record"; maxLengthSeconds: number }
  /** One turn of the wait loop: the announcements and the hold music, interrupted by a key, then the next turn. */
  | { type: "queue-wait"; prompts: ResolvedPrompt[]; holdMusicUrl: string | null }
  /** Straight to the next turn of the wait loop (after joining, or back from a ring nobody took). */
  | { type: "queue-next" }
  | { type: "hangup" };

/** hung_up_in_ivr, abandoned_ringing and failed are decided by the webhook layer. */
export type TerminationReason = "answered" | "no_one_on_duty" | "after_hours_voicemail" | "voicemail";

/** How a wait ends as the interpreter sees it; "abandoned" (hanging up) is decided by the webhook layer. */
export type QueueLeaving = "answered" | "callback" | "timeout";

export type RoutingDecision = "dialing" | "skipped-closed" | "skipped-no-staff" | "skipped-unknown" | "no-answer" | "answered";

export type Effect =
  | { type: "node"; flow: string; node: string; kind: NodeKind }
  /** Every gather result, "" for silence. */
  | { type: "key"; flow: string; node: string; digits: string }
  | { type: "topic"; topic: string; label: string }
  | { type: "hours"; agencyCode: string; agencyId: number | null; open: boolean }
  | { type: "agency-selected"; agencyCode: string; agencyId: number; digits: string }
  | {
      type: "routing";
      agencyCode: string;
      agencyId: number | null;
      decision: RoutingDecision;
      staffIds?: number[];
      staffId?: number;
      dialStatus?: DialStatus;
      durationSeconds?: number;
    }
  | { type: "survey-answer"; survey: string; question: string; value: number }
  /** A status look-up by phone found the reference: the call's timeline shows which, and where it stands. */
  | { type: "status-found"; lookup: string; reference: string; stateLabel: string; agencyCode: string | null }
  /** A staff member toggled their presence by phone; the webhook layer stores it with the step. */
  | { type: "presence-toggle"; staffId: number; state: "available" | "away" }
  /** inQueue: chosen while waiting, so the request keeps the caller's place (placed when they joined). */
  | { type: "callback-request"; agencyId: number | null; topic: string | null; recordingSeconds: number; inQueue?: true }
  /** since: the place in line, when not now (a transferred caller keeps their call's start). */
  | { type: "queue-joined"; agencyCode: string; agencyId: number; since?: string }
  /** The staff member passed the call on to another agency. */
  | { type: "transferred"; fromStaffId: number; agencyCode: string; agencyId: number | null }
  | { type: "queue-position"; agencyId: number; position: number; expectedWaitSeconds: number | null; waitedSeconds: number }
  /** The dispatcher's choice is being rung. */
  | { type: "queue-connecting"; agencyId: number; staffId: number }
  /** The staff member did not take the call: the caller is back in line, in their old place. */
  | { type: "queue-returned"; agencyId: number; staffId: number }
  | { type: "queue-left"; agencyId: number; outcome: QueueLeaving; waitedSeconds?: number }
  /** The last one of a call wins. */
  | { type: "termination"; reason: TerminationReason }
  | { type: "error"; message: string };

export interface RouteState {
  /** Agency codes tried so far, the current one last. */
  chain: string[];
  agencyId: number | null;
  /** Staff of the current agency still to ring. */
  pending: number[];
  /** Staff rung by the dial in progress. */
  dialing: number[];
  /** Someone was rung at some point of this route. */
  rang: boolean;
}

/** A caller waiting in an agency's queue; the route state stays as it was (the chain goes on after a timeout). */
export interface QueueState {
  agencyId: number;
  agencyCode: string;
  maxWaitSeconds: number;
  holdMusicUrl: string | null;
  /** The staff member being rung from the queue. */
  connecting: number | null;
}

/** Stored between webhooks (jsonb). */
export interface CallState {
  v: 1;
  /** Entry flow of the flow version serving the call. */
  entry: string;
  flow: string;
  /** The node waiting for the next event. */
  node: string;
  waiting: "gather" | "dial" | "record" | "queue" | "done";
  language: string;
  /** Failed tries at the current menu or input. */
  failures: number;
  topic: { id: string; label: string } | null;
  afterHours: boolean;
  /** Agency code chosen by an input node or found by a lookup node, for routes to $selected. */
  selectedAgency: string | null;
  route: RouteState | null;
  answered: { agencyId: number; staffId: number } | null;
  survey: { question: number; tries: number } | null;
  /** For the callback request of a voicemail. */
  lastAgencyId: number | null;
  /** The last route found nobody to ring. */
  noOneOnDuty: boolean;
  /** Waiting in a queue (absent in states stored before queues existed). */
  queue?: QueueState | null;
  /** Passed on by a cold transfer: its place in any queue it joins from now on (ISO time). */
  placedAt?: string | null;
}

export interface StepResult {
  state: CallState;
  actions: Action[];
  effects: Effect[];
}
