// Case codes: "GL-2026-004821". A citizen reads it aloud and keys it on a basic phone, so after the
// province's prefix there are digits only: the year, then a sequence number of at least six digits.
// Pure; the sequence comes from case_counters (one row per year, taken under its row lock).

/** Gia Lai. */
export const CASE_CODE_PREFIX = "GL";
const SEQUENCE_DIGITS = 6;

export function formatCaseCode(year: number, sequence: number): string {
  return `${CASE_CODE_PREFIX}-${year}-${String(sequence).padStart(SEQUENCE_DIGITS, "0")}`;
}

/**
 * The code a caller keyed (or a staff member typed): "2026004821" (year and number), "GL-2026-004821",
 * "gl 2026 4821", or the number alone ("4821", "004821") meaning this year's. Null when it cannot be
 * a case code at all.
 */
export function parseCaseCode(input: string, currentYear: number): string | null {
  const text = input.trim().toUpperCase().replace(/^GL/, "");
  if (!/^[\s\-.0-9]+$/.test(text)) return null;
  const groups = text.split(/[\s\-.]+/).filter(Boolean);
  let year: number;
  let sequence: string;
  if (groups.length === 2) [year, sequence] = [Number(groups[0]), groups[1] as string];
  else if (groups.length === 1 && (groups[0] as string).length > SEQUENCE_DIGITS + 3) {
    const digits = groups[0] as string;
    [year, sequence] = [Number(digits.slice(0, 4)), digits.slice(4)];
  } else if (groups.length === 1) [year, sequence] = [currentYear, groups[0] as string];
  else return null;
  if (!/^\d{4}$/.test(String(year)) || year < 2000 || year > 2999) return null;
  const number = Number(sequence);
  if (!Number.isSafeInteger(number) || number < 1 || sequence.length > 9) return null;
  return formatCaseCode(year, number);
}

/** The digits a caller keys for a code: "GL-2026-004821" → "2026004821". */
export function keyedDigits(code: string): string {
  return code.replace(/\D/g, "");
}
