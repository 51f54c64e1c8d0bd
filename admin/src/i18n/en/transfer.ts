// English messages of the desk's hold and transfer controls and of a call's legs; merged into enApp
// (en.ts). The Vietnamese file (vi/transfer.ts) must have the same keys.
export const enTransfer = {
  tthc: {
    transfer: {
      button: "Transfer",
      title: "Transfer the call",
      agency: "To agency",
      agency_search: "Type part of the agency's name or code",
      reason: "Reason",
      mode: "How",
      cold: "Cold: the caller goes to that agency's line",
      warm: "Warm: talk to a staff member there first, the caller on hold",
      submit: "Transfer",
      cancel: "Cancel",
      done_cold: "The caller is being transferred",
      consulting: "Ringing a staff member of the agency; the caller is on hold",
      join: "Talk all three",
      handover: "Hand over and leave",
      joined: "All three are talking",
      handed_over: "Handed over: the call is theirs",
      hold: "Hold",
      unhold: "Resume",
      held: "The caller is on hold",
      resumed: "The caller is back",
    },
    legs: {
      title: "Staff on the call",
      none: "No staff member answered",
      roles: { answer: "answered", consult: "consulted", listen: "listened" },
      transfers: { cold: "cold transfer", warm: "warm transfer" },
      from: "passed on by %{staff}",
      waiting: "nobody answered yet",
      reason: "Reason: %{reason}",
    },
  },
};
