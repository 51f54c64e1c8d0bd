// The reasons the API gives for refusing a value, named once. A refusal carries them as
// `errors: { field: "tthc.validation.<reason>" }` (react-admin shows the translation next to the
// field) and as `code`; the console translates every one (admin/src/i18n/i18n.test.ts checks it
// against this list). server/platform/http/errors.ts accepts no other reason, so a new one is added
// here first. Pure: the console imports it too.
export const ERROR_REASONS = [
  // Any field
  "invalid",
  "format",
  "required",
  "not_found",
  "taken",
  "in_use",
  "too_large",
  "invalid_characters",
  "out_of_range",
  // List queries (server/platform/http/list-query.ts)
  "json",
  "sort",
  "range",
  "filter",
  // Agencies, users and passwords
  "parent_cycle",
  "parent_required",
  "agency_code_format",
  "self_lockout",
  "password_too_short",
  "password_personal",
  "password_too_weak",
  // Phone numbers: a staff phone, a contact, an opt-out, a search by number
  "phone",
  "phone_invalid",
  "phone_empty",
  "phone_landline",
  "phone_not_mobile",
  "phone_not_vietnamese",
  "phone_complete_required",
  "phone_filter_forbidden",
  // Opening hours (server/agencies/hours/validate.ts: hours_<issue code>)
  "hours",
  "hours_time_format",
  "hours_range_order",
  "hours_range_overlap",
  "hours_ranges_empty",
  "hours_date_format",
  "hours_date_invalid",
  "hours_date_duplicate",
  // The hotline
  "callback_not_open",
  "callback_claimed",
  "callback_in_progress",
  "staff_no_phone",
  "hotline_number_missing",
  "note_category_inactive",
  "period_order",
  "retention_longer_than_calls",
  // Outreach: contacts and their import, senders, the sending policy
  "consent_evidence",
  "unknown_column",
  "brandname",
  "secret_setting",
  "secrets_key_unset",
  "secret_unknown",
  "sender_not_for_campaigns",
  "window_order",
  // Campaigns: the policy's opt-out text still holds a placeholder number
  "opt_out_placeholder",
  // Periodic reports: the score formula (server/hotline/reports/periodic/scoring.ts)
  "scoring_weights",
  "scoring_bands",
] as const;

export type ErrorReason = (typeof ERROR_REASONS)[number];

/** Refusals to publish an IVR flow, translated with the flow pages' messages (tthc.flows.*). */
export const FLOW_ERROR_REASONS = ["no_files", "invalid_flow"] as const;

export type FlowErrorReason = (typeof FLOW_ERROR_REASONS)[number];

/** The translation key a field error carries: one of ours, or react-admin's own "required". */
export type FieldErrorKey = `tthc.validation.${ErrorReason}` | `tthc.flows.${FlowErrorReason}` | "ra.validation.required";
