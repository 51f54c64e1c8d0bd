// English messages for call routing: agencies' routing and hours, overrides, staff on duty,
// callback requests. Merged into en.ts; vi/routing.ts must have the same keys.

export const enRoutingValidation = {
  phone: "Not a valid Vietnamese phone number",
  period_order: "The end date must be the same as or after the start date",
  parent_required: "A commune or ward must belong to a parent agency",
  agency_code_format: "Only unaccented letters, digits and . _ - (at most 50 characters), e.g. P-QUYNHON",
  hours: "Invalid opening hours",
  hours_time_format: "Use HH:MM between 00:00 and 24:00, e.g. 07:30",
  hours_range_order: "Closing time must be later than opening time",
  hours_range_overlap: "Overlaps another time range of the same day",
  hours_ranges_empty: "A working day needs at least one time range; otherwise mark it closed",
  hours_date_format: "Use the form YYYY-MM-DD",
  hours_date_invalid: "This date does not exist",
  hours_date_duplicate: "This day already has an override",
  callback_not_open: "This callback request is no longer open",
};

export const enRouting = {
  routing: {
    tab_general: "General",
    tab_routing: "Routing",
    tab_hours: "Opening hours",
    ring_strategies: {
      simultaneous: "Ring everyone on duty at once",
      sequential: "Ring one after another",
    },
    dial_code_help: "2–6 digits callers press in the IVR to reach this agency; leave empty for none",
    timeout_help: "Seconds each ring lasts before moving on (5–120)",
    fallback_help: "Where calls go when this agency is closed, nobody is on duty or nobody answers",
    queue_title: "Waiting line",
    queue_help:
      "When every staff member is busy, callers wait in line hearing their place and the expected wait, and may ask to be called back.",
    wrap_up_help: "Seconds after a call before the staff member is rung again (0–600)",
    queue_max_wait_help: "After this wait the call goes on to the fallback agency (30–1800)",
    queue_max_length_help: "Callers waiting at most at once; 0 turns the waiting line off",
    queue_when_none_available_help: "Otherwise, with everyone away or off duty, calls go straight to the fallback agency",
    hold_music_help: "Address (https) of an MP3 or WAV file; leave empty for the hotline's own music",
  },
  hours: {
    inherit: "Inherit opening hours from the parent agency",
    inherit_help: "Without its own hours, an agency uses its nearest parent's, or the usual office hours",
    observe_holidays: "Closed on public holidays",
    closed_day: "Closed",
    add_range: "Add time range",
    opens: "From",
    closes: "To",
    weekdays: {
      0: "Sunday",
      1: "Monday",
      2: "Tuesday",
      3: "Wednesday",
      4: "Thursday",
      5: "Friday",
      6: "Saturday",
    },
    preview: "Next 14 days",
    preview_help: "As saved; save the form to see changes here",
    hours_from: "Weekly hours of %{name}",
    hours_default: "Usual office hours (no agency in the chain set its own)",
    open: "Open",
    closed: "Closed",
    reasons: {
      weekly: "Weekly hours",
      holiday: "Public holiday",
      override: "Override",
    },
    overrides: "Dated overrides",
    no_overrides: "No overrides",
    province_wide: "Whole province",
    add_override: "Add override",
  },
  staff: {
    on_duty_panel: "Staff on duty",
    no_staff: "No staff in this agency",
    on_duty: "On duty",
    off_duty: "Off duty",
    toggle_success: "Duty updated",
    no_phone: "No phone or softphone: cannot be rung",
  },
  callbacks: {
    record_attempt: "Record call",
    record_title: "Record a callback attempt",
    attempt_recorded: "Attempt recorded",
    close: "Close request",
    closed_success: "Request closed",
    attempts: "Attempts",
    no_attempts: "No attempts yet",
    overdue: "Overdue",
    statuses: {
      open: "Open",
      called_back: "Called back",
      unreachable: "Unreachable",
      closed: "Closed",
    },
    outcomes: {
      reached: "Reached the caller",
      no_answer: "No answer",
      busy: "Busy",
      wrong_number: "Wrong number",
    },
    rules: "No answer or busy: due again in 2 hours; after 3 failed tries the request is marked unreachable.",
  },
};

export const enRoutingResources = {
  "hours-overrides": {
    name: "Hours override |||| Hours overrides",
    fields: {
      id: "ID",
      agencyId: "Agency",
      date: "Date",
      closed: "Closed all day",
      ranges: "Opening hours",
      note: "Note",
      from: "From date",
      to: "To date",
      provinceWide: "Whole province",
      createdAt: "Created at",
    },
  },
  "callback-requests": {
    name: "Callback request |||| Callback requests",
    fields: {
      id: "ID",
      callId: "Call",
      agencyId: "Agency",
      phone: "Phone to call back",
      status: "Status",
      dueAt: "Due",
      attemptCount: "Attempts",
      lastAttemptAt: "Last attempt",
      createdAt: "Received at",
      updatedAt: "Updated at",
      outcome: "Outcome",
      note: "Note",
      userName: "Staff member",
    },
  },
  staff: {
    name: "Staff member |||| Staff",
    fields: {
      name: "Full name",
      phone: "Phone",
      onDuty: "On duty",
      roles: "Roles",
      agencyId: "Agency",
    },
  },
};

export const enRoutingFields = {
  agencies: {
    dialCode: "Dial code",
    ringStrategy: "Ring strategy",
    ringTimeoutSeconds: "Ring timeout (seconds)",
    fallbackId: "Fallback agency",
    weeklyHours: "Weekly hours",
    observeHolidays: "Closed on public holidays",
    wrapUpSeconds: "After-call time (seconds)",
    queueMaxWaitSeconds: "Longest wait (seconds)",
    queueMaxLength: "Callers waiting at most",
    queueWhenNoneAvailable: "Queue even when nobody is available",
    holdMusicUrl: "Hold music",
  },
  users: {
    phone: "Phone (desk or mobile)",
    clientIdentity: "Softphone identity",
    onDuty: "On duty",
  },
};

/** Audit-log labels for what these routes write. */
export const enRoutingAudit = {
  actions: { duty: "Duty change", callback_attempt: "Callback attempt" },
  audit_resources: { "hours-overrides": "Hours overrides", "callback-requests": "Callback requests" },
};
