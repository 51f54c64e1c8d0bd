// English messages of the retention page (admin/src/system/retention); merged into enApp (en.ts).
// The Vietnamese file (vi/retention.ts) must have the same keys.
export const enRetention = {
  tthc: {
    retention: {
      title: "Retention periods",
      intro:
        "Personal data is kept no longer than needed (Law 91/2025, Decree 356/2025). Each night the records older than their period are removed; beside each period, what the next run would remove with the saved periods.",
      saved: "Retention periods saved",
      next_run: "next run will remove %{smart_count} record |||| next run will remove %{smart_count} records",
      not_enforced: "not enforced yet",
      help: {
        recordings: "Call recordings, deleted at Twilio too (at most as long as calls)",
        voicemails: "Voicemails, deleted at Twilio too (at most as long as calls)",
        notes: "Staff notes on calls (at most as long as calls)",
        surveyAnswers: "Satisfaction answers (at most as long as calls; reports keep the tallies)",
        callbackRequests: "Worked call-back requests (open ones are kept)",
        smsMessages: "Every SMS sent, with its number and text",
        campaignRecipients: "Who a campaign reached, counted from the campaign's end",
        contactsWithoutConsent: "Contacts without consent, unless in a running campaign",
        calls: "The call log; reports keep the aggregate figures afterwards",
        auditEntries: "The audit log (at least one year: accountability)",
        exports: "Data-subject export archives (at most 30 days)",
      },
    },
  },
  resources: {
    retention: {
      name: "Retention periods |||| Retention periods",
      fields: {
        recordingDays: "Recordings (days)",
        voicemailDays: "Voicemails (days)",
        noteDays: "Call notes (days)",
        surveyAnswerDays: "Survey answers (days)",
        callbackRequestDays: "Call-back requests (days)",
        smsMessageDays: "SMS messages (days)",
        campaignRecipientDays: "Campaign recipients (days after the campaign ends)",
        contactWithoutConsentDays: "Contacts without consent (days)",
        callDays: "Calls (days)",
        auditEntryDays: "Audit log entries (days)",
        exportDays: "Export archives (days)",
      },
    },
  },
};
