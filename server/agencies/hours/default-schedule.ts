import type { Schedule, TimeRange } from "./types.js";

// The usual hours of Vietnamese public offices: mornings and afternoons with a lunch break, Monday to
// Friday, closed on public holidays. Each province sets its own by decision, so the console edits a
// copy of this rather than code.
const OFFICE_DAY: readonly TimeRange[] = Object.freeze([
  Object.freeze({ opens: "07:30", closes: "11:30" }),
  Object.freeze({ opens: "13:30", closes: "17:00" }),
]);

export const DEFAULT_OFFICE_SCHEDULE: Schedule = Object.freeze({
  weekly: Object.freeze({ 0: [], 1: OFFICE_DAY, 2: OFFICE_DAY, 3: OFFICE_DAY, 4: OFFICE_DAY, 5: OFFICE_DAY, 6: [] }),
  overrides: Object.freeze([]),
  observeHolidays: true,
});
