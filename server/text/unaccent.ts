// Vietnamese without diacritics ("không dấu" → "khong dau"), for the two jobs that need it:
// - an SMS body: keeps case, and maps typographic punctuation to ASCII, because many carrier
//   brandname gateways require plain text and it keeps the message in GSM-7 (160 characters a part
//   instead of 70);
// - a search key: folds case and spaces too, so "  Xã  Ia Grai " in a spreadsheet finds "xã Ia Grai".

/** Letters that carry no combining mark in Unicode, so NFD leaves them whole. */
const LETTERS: Record<string, string> = { đ: "d", Đ: "D", ø: "o", Ø: "O", ł: "l", Ł: "L", æ: "ae", Æ: "AE", œ: "oe", Œ: "OE", ß: "ss" };

/** Typographic punctuation that word processors and phones insert, mapped to ASCII. */
const PUNCTUATION: Record<string, string> = {
  "\u2018": "'", // ‘
  "\u2019": "'", // ’
  "\u201A": "'", // ‚
  "\u201B": "'", // ‛
  "\u2032": "'", // ′
  "\u201C": '"', // “
  "\u201D": '"', // ”
  "\u201E": '"', // „
  "\u201F": '"', // ‟
  "\u2033": '"', // ″
  "\u00AB": '"', // «
  "\u00BB": '"', // »
  "\u2010": "-", // ‐
  "\u2011": "-", // non-breaking hyphen
  "\u2012": "-", // ‒
  "\u2013": "-", // –
  "\u2014": "-", // —
  "\u2015": "-", // ―
  "\u2212": "-", // minus sign
  "\u2026": "...", // …
  "\u00A0": " ", // no-break space
  "\u202F": " ", // narrow no-break space
  "\u2007": " ", // figure space
  "\u2009": " ", // thin space
  "\u200B": "", // zero-width space
  "\uFEFF": "", // byte-order mark
  "\u2022": "-", // •
};

const MARKS = /\p{M}/gu;
const SPECIAL_LETTERS = new RegExp(`[${Object.keys(LETTERS).join("")}]`, "gu");
const SPECIAL_PUNCTUATION = new RegExp(`[${Object.keys(PUNCTUATION).join("")}]`, "gu");

/** "Đăng ký" → "Dang ky": NFD, combining marks stripped, đ→d and the like; case and everything else kept. */
export function withoutDiacritics(text: string): string {
  return text
    .normalize("NFD")
    .replace(MARKS, "")
    .replace(SPECIAL_LETTERS, (char) => LETTERS[char] ?? char)
    .normalize("NFC");
}

/** An SMS body without diacritics: "“Dịch vụ” – công" → "\"Dich vu\" - cong". Case kept. */
export function unaccentForSms(text: string): string {
  return withoutDiacritics(text).replace(SPECIAL_PUNCTUATION, (char) => PUNCTUATION[char] ?? char);
}

/** A key to compare names by: "  Xã  Ia Grai " → "xa ia grai" (no diacritics, lower case, spaces collapsed). */
export function searchKey(text: string): string {
  return withoutDiacritics(text).toLowerCase().replace(/\s+/g, " ").trim();
}
