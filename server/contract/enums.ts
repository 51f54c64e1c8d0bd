// Every list of codes that the server and the console share: the choices the console offers, the
// filters the API accepts. Pure data, no schema library, so the console bundles it as it is.
// The database's enums are read from the Prisma client, in the schema's order; the others are
// declared here, once.
import {
  AgencyKind,
  AnswerOn,
  CallbackStatus,
  CallTermination,
  CampaignStatus,
  CaseSource,
  CaseState,
  ConsentStatus,
  DataSubjectRequestChannel,
  DataSubjectRequestKind,
  DataSubjectRequestState,
  KnowledgeStatus,
  NoteKind,
  NoteState,
  PresenceState,
  QueueOutcome,
  RecipientStatus,
  RingStrategy,
  Role,
} from "../generated/prisma/enums.js";

export type {
  AgencyKind,
  AnswerOn,
  CallbackStatus,
  CallTermination,
  CampaignStatus,
  CaseSource,
  CaseState,
  ConsentStatus,
  DataSubjectRequestChannel,
  DataSubjectRequestKind,
  DataSubjectRequestState,
  KnowledgeStatus,
  NoteKind,
  NoteState,
  PresenceState,
  QueueOutcome,
  RecipientStatus,
  RingStrategy,
  Role,
};

// From the database's enums.
export const AGENCY_KINDS = Object.values(AgencyKind);
/** The console roles, in the order the forms list them. */
export const ROLES = Object.values(Role);
/** Where a staff member's calls ring: their phone (with the whisper) or the console's softphone. */
export const ANSWER_ON = Object.values(AnswerOn);
export const RING_STRATEGIES = Object.values(RingStrategy);
export const CALL_TERMINATIONS = Object.values(CallTermination);
export const CALLBACK_STATUSES = Object.values(CallbackStatus);
export const CONSENT_STATUSES = Object.values(ConsentStatus);
export const CAMPAIGN_STATUSES = Object.values(CampaignStatus);
export const RECIPIENT_STATUSES = Object.values(RecipientStatus);
/** A staff member's presence: available, on a call, after-call work, away, offline. */
export const PRESENCE_STATES = Object.values(PresenceState);
/** The states a person chooses in the console or by phone; the others (on a call, after-call work) the calls set. */
export const CHOSEN_PRESENCE_STATES = ["available", "away", "offline"] as const satisfies readonly PresenceState[];
/** Why the hotline set someone away: two rings let pass in a row (the console says it in words). */
export const MISSED_RINGS_REASON = "missed_rings";
/** How a caller's wait in a queue ended (or `waiting`). */
export const QUEUE_OUTCOMES = Object.values(QueueOutcome);

/**
 * What a note is about: a question, feedback (phản ánh), a proposal (kiến nghị), a complaint (khiếu
 * nại). The categories themselves are rows administrators manage (note_categories), each of one kind.
 */
export const NOTE_KINDS = Object.values(NoteKind);
/** A case's kinds are the notes' kinds: question, feedback (phản ánh), proposal (kiến nghị), complaint. */
export const CASE_KINDS = NOTE_KINDS;
export const CASE_STATES = Object.values(CaseState);
export const CASE_SOURCES = Object.values(CaseSource);
/** A knowledge article is a draft until published: only published ones reach the desk's search by default, and the public page. */
export const KNOWLEDGE_STATUSES = Object.values(KnowledgeStatus);
/** A note is a draft while its author types, final once finished. */
export const NOTE_STATES = Object.values(NoteState);
/** Data-subject requests (Law 91/2025): what is asked, how it arrived, where it stands. */
export const PRIVACY_REQUEST_KINDS = Object.values(DataSubjectRequestKind);
export const PRIVACY_REQUEST_CHANNELS = Object.values(DataSubjectRequestChannel);
export const PRIVACY_REQUEST_STATES = Object.values(DataSubjectRequestState);

/** How one attempt to call a citizen back went. */
export const CALLBACK_OUTCOMES = ["reached", "no_answer", "busy", "wrong_number"] as const;
export type CallbackOutcome = (typeof CALLBACK_OUTCOMES)[number];
/**
 * A call placed through the hotline can also end before the citizen is rung: the staff member did not
 * pick up, or Twilio could not place it. Neither counts as a try at reaching the citizen.
 */
export const PLACED_CALLBACK_OUTCOMES = [...CALLBACK_OUTCOMES, "staff_unanswered", "failed"] as const;
export type PlacedCallbackOutcome = (typeof PLACED_CALLBACK_OUTCOMES)[number];
/** Where a call placed through the hotline stands. */
export const PLACED_CALLBACK_STATES = ["staff_ringing", "citizen_ringing", "connected", "ended"] as const;
export type PlacedCallbackState = (typeof PLACED_CALLBACK_STATES)[number];

/** Where an opt-out came from: a STOP keyword, staff in the console, the carrier, or a call. */
export const SUPPRESSION_SOURCES = ["keyword", "console", "provider", "call"] as const;
export type SuppressionSource = (typeof SUPPRESSION_SOURCES)[number];

/** The contact fields an uploaded file's columns can map to (the other columns become attributes). */
export const CONTACT_IMPORT_FIELDS = ["phone", "name", "commune", "ageGroup", "tags", "consent", "consentAt"] as const;
export type ContactImportField = (typeof CONTACT_IMPORT_FIELDS)[number];
