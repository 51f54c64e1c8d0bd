// The live board (admin/src/hotline/board/) and the line's figures in the satisfaction report.
export const enBoard = {
  tthc: {
    board: {
      title: "Live board",
      agency: "Agency",
      province: "Whole province",
      waiting: "Callers waiting",
      longest_wait: "Longest wait",
      calls_today: "Calls today",
      answered: "Answered",
      abandoned: "Hung up while waiting",
      answer_rate: "Answer rate",
      service_level: "Answered within %{seconds} seconds",
      callbacks_due: "Call-backs due",
      waiting_title: "Callers waiting",
      nobody_waiting: "Nobody is waiting",
      connecting: "Connecting to staff",
      waited: "waiting %{time}",
      staff_title: "Staff",
      nobody_working: "No staff member is working now",
      missed_rings: "Missed two calls in a row",
      states: {
        available: "Available",
        on_call: "On a call",
        wrap_up: "After-call work",
        away: "Away",
        offline: "Offline",
      },
      reconnecting: "Connection lost; reconnecting…",
      closed: "The live board cannot be shown. Sign in again or ask an administrator for access.",
    },
    line_figures: {
      title: "Waiting and staff work",
      offered: "Calls to agencies",
      abandoned_in_queue: "Hung up while waiting",
      average_wait: "Average wait",
      p90_wait: "Wait of 9 in 10 callers at most",
      service_level: "Answered within %{seconds} s",
      average_talk: "Average talk",
      average_wrap_up: "Average after-call work",
      occupancy: "Occupancy",
      staff_title: "Per staff member",
      staff: "Staff member",
      answered: "Calls answered",
      logged_in: "Time working",
      no_staff: "No staff member worked in this period",
      explained: "Wait: time in the queue plus ringing. Occupancy: time on calls and after-call work over time working (not offline).",
    },
  },
  resources: {
    board: {
      name: "Live board |||| Live board",
    },
  },
};

export type BoardMessages = typeof enBoard;
