// English messages of the shared form pieces: confirmations, date and time inputs, list cards.
export const enForms = {
  tthc: {
    forms: {
      from_day: "From",
      to_day: "To",
      hide_logins: "Hide sign-ins",
      date_format: "Enter the date as day/month/year, e.g. 30/04/2026",
      time_format: "Enter a 24-hour time, e.g. 07:30 or 17:00",
      time_format_end: "Enter a 24-hour time from 00:00 to 24:00 (24:00 is the midnight ending the day)",
      date_time_format: "Enter the date and time as day/month/year hour:minute, e.g. 30/04/2026 08:00",
      bulk_delete_partial: "Deleted %{deleted} item(s). Could not delete %{refused}: %{names}",
      bulk_delete_none: "Nothing was deleted: %{names}",
    },
  },
};
