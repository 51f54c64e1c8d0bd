// Request references: "YC-2026-0042" (yêu cầu), read aloud and written in letters to the citizen.
// The sequence comes from data_subject_request_counters, one row per year, taken under its row lock.

const SEQUENCE_DIGITS = 4;

export function formatRequestReference(year: number, sequence: number): string {
  return `YC-${year}-${String(sequence).padStart(SEQUENCE_DIGITS, "0")}`;
}

/** A reference as typed ("yc 2026 42", "YC-2026-0042"); null when it cannot be one. */
export function parseRequestReference(input: string): string | null {
  const match = /^\s*YC[\s\-.]*(\d{4})[\s\-.]*(\d{1,9})\s*$/i.exec(input);
  if (!match) return null;
  return formatRequestReference(Number(match[1]), Number(match[2]));
}
