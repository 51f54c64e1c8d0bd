// How long each kind of record is kept (Law 91/2025/QH15 and Decree 356/2025/NĐ-CP: personal data is
// kept no longer than its purpose needs). One table, shared by the server (settings, validation, the
// nightly run) and the console (the settings page and its dry run). Pure, and free of packages so the
// console bundles it as is; the wire schemas are in retention.ts.

export interface RetentionKindRule {
  /** The kind as the preview and the console name it (i18n key tthc.retention.kinds.<kind>). */
  kind: string;
  /** The field of GET/PUT /api/settings/retention; stored under the settings key retention.<field>. */
  field: string;
  /** The lawful default, in days. */
  days: number;
  min: number;
  max: number;
  /** Held by a call and deleted with it: keeping it longer than calls would be a promise not kept. */
  partOfCall?: boolean;
}

/** Every kind, in the order the nightly run removes them (a call's parts before the call). */
export const RETENTION_KINDS = [
  // A conversation's audio is the most intrusive record: a year answers complaints and quality checks.
  // retention.recordingDays is the key stored before this table existed; kept so saved values survive.
  { kind: "recordings", field: "recordingDays", days: 365, min: 7, max: 3650, partOfCall: true },
  // A citizen's voicemail is answered within days; a year covers a complaint about how it was handled.
  { kind: "voicemails", field: "voicemailDays", days: 365, min: 7, max: 3650, partOfCall: true },
  // Notes say what the citizen asked: kept as long as the call they describe (the default), or less.
  { kind: "notes", field: "noteDays", days: 730, min: 7, max: 3650, partOfCall: true },
  // Satisfaction answers: kept with their call; the roll-up keeps the tallies for reports afterwards.
  { kind: "surveyAnswers", field: "surveyAnswerDays", days: 730, min: 7, max: 3650, partOfCall: true },
  // A call-back request holds the number to call; once worked, a year answers "did anyone call me?".
  // Open requests are still work and are never removed.
  { kind: "callbackRequests", field: "callbackRequestDays", days: 365, min: 7, max: 3650 },
  // Every SMS holds the recipient's number and text: a year covers disputes and carrier reconciliation.
  { kind: "smsMessages", field: "smsMessageDays", days: 365, min: 7, max: 3650 },
  // Who a campaign reached, counted from the campaign's end (completed or cancelled): a year for its
  // results and complaints (Decree 91/2020 on advertising messages), then the numbers go.
  { kind: "campaignRecipients", field: "campaignRecipientDays", days: 365, min: 30, max: 3650 },
  // A contact who never consented (unknown or refused) has no purpose for being kept: 90 days lets an
  // import be followed by the consent collection it was made for. Contacts in a running campaign stay.
  { kind: "contactsWithoutConsent", field: "contactWithoutConsentDays", days: 90, min: 7, max: 3650 },
  // The call log: two years, the province's complaint and inspection horizon; reports keep the
  // aggregate figures afterwards (the call roll-up). retention.callDays is the key stored before.
  { kind: "calls", field: "callDays", days: 730, min: 7, max: 3650 },
  // The audit trail is accountability itself (Decree 356/2025 requires logging processing): five
  // years, at least one, longer than anything it records.
  { kind: "auditEntries", field: "auditEntryDays", days: 1825, min: 365, max: 3650 },
  // A data-subject request's export archive is for the citizen to download: a week, then it goes.
  { kind: "exports", field: "exportDays", days: 7, min: 1, max: 30 },
] as const satisfies readonly RetentionKindRule[];

export type RetentionKind = (typeof RETENTION_KINDS)[number]["kind"];
export type RetentionField = (typeof RETENTION_KINDS)[number]["field"];
export type RetentionSettings = Record<RetentionField, number>;

export const RETENTION_DEFAULTS = Object.fromEntries(RETENTION_KINDS.map((rule) => [rule.field, rule.days])) as RetentionSettings;
