// Text helpers shared by the import, the keyword matcher and commune matching: Vietnamese without
// diacritics, lower-cased, spaces collapsed. NFD splits "ế" into "e" + marks; "đ" has no decomposition.
const MARKS = /[\u0300-\u036f]/g;

export function unaccent(text: string): string {
  return text.normalize("NFD").replace(MARKS, "").replace(/đ/g, "d").replace(/Đ/g, "D");
}

/** "  Xã  Ia Grai " → "xa ia grai". */
export function foldText(text: string): string {
  return unaccent(text).toLowerCase().replace(/\s+/g, " ").trim();
}
