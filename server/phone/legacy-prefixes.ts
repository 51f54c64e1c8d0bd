// Mobile numbers had 11 digits (01xx …) until the 2018–2019 conversion to 10 digits. Old numbers still
// turn up in address books, spreadsheets and forms, and still identify the same subscriber, so they
// are converted rather than rejected. Keys and values are national significant numbers' leading digits
// (no trunk 0): 0162 123 4567 → "162" + "1234567" → "32" + "1234567" → 032 123 4567.
export const LEGACY_MOBILE_PREFIXES: ReadonlyMap<string, string> = new Map([
  // Viettel
  ["162", "32"],
  ["163", "33"],
  ["164", "34"],
  ["165", "35"],
  ["166", "36"],
  ["167", "37"],
  ["168", "38"],
  ["169", "39"],
  // MobiFone
  ["120", "70"],
  ["121", "79"],
  ["122", "77"],
  ["126", "76"],
  ["128", "78"],
  // VinaPhone
  ["123", "83"],
  ["124", "84"],
  ["125", "85"],
  ["127", "81"],
  ["129", "82"],
  // Vietnamobile
  ["186", "56"],
  ["188", "58"],
  // Gmobile
  ["199", "59"],
]);

/** The 9-digit national number for an old 10-digit one ("1621234567" → "321234567"); others unchanged. */
export function convertLegacyMobile(national: string): string {
  if (national.length !== 10) return national;
  const replacement = LEGACY_MOBILE_PREFIXES.get(national.slice(0, 3));
  return replacement === undefined ? national : replacement + national.slice(3);
}
