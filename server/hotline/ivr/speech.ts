// How references and dates are written in a prompt so the text-to-speech voice reads them the way a
// caller can follow and key them back. Pure.

/**
 * A reference read character by character, groups apart: "GL-2026-004821" → "2 0 2 6, 0 0 4 8 2 1".
 * Only groups with a digit are read: the caller keyed digits (a letters-only prefix such as the
 * province's "GL" is not keyed, and the voice would spell it oddly); a group mixing letters and
 * digits (a dossier's "H21") is read whole, letters included. A voice reads "004821" as a number
 * ("bốn nghìn tám trăm…"): spaces make it say every digit.
 */
export function spokenReference(reference: string): string {
  const groups = reference.split(/[^0-9A-Za-z]+/).filter((group) => /[0-9]/.test(group));
  return groups.map((group) => [...group].join(" ")).join(", ");
}

/** "2026-12-12" → "ngày 12 tháng 12 năm 2026", as a Vietnamese speaker says a date. */
export function spokenDate(date: string | null): string {
  const match = date ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(date) : null;
  if (!match) return "chưa xác định";
  return `ngày ${Number(match[3])} tháng ${Number(match[2])} năm ${match[1]}`;
}
