// How the columns of an uploaded file map to contact fields, chosen in the console (pre-filled from
// the header names) and validated here before a single row is read.
import Type from "typebox";
import { fromVietnamDateTime, isRealDate } from "../../clock/vietnam-time.js";
import { CONTACT_IMPORT_FIELDS, type ContactImportField } from "../../contract/enums.js";
import { badRequest } from "../../platform/http/errors.js";
import { searchKey } from "../../text/unaccent.js";

export const ColumnMapping = Type.Object(
  {
    phone: Type.String({ minLength: 1, maxLength: 200 }),
    name: Type.Optional(Type.String({ maxLength: 200 })),
    /** Matched against an agency's name (with or without "Xã"/"Phường"), code or dial code. */
    commune: Type.Optional(Type.String({ maxLength: 200 })),
    ageGroup: Type.Optional(Type.String({ maxLength: 200 })),
    /** Values separated by ";" or ",". */
    tags: Type.Optional(Type.String({ maxLength: 200 })),
    /** yes/no (có/không, đồng ý/từ chối, 1/0, x). */
    consent: Type.Optional(Type.String({ maxLength: 200 })),
    /** When consent was given; empty cells use the time of the import. */
    consentAt: Type.Optional(Type.String({ maxLength: 200 })),
    /** Evidence applying to every row: where the consent came from and how it was given. */
    consentSource: Type.Optional(Type.String({ maxLength: 500 })),
    consentMethod: Type.Optional(Type.String({ maxLength: 200 })),
    /** Columns kept as free attributes; absent: every column not mapped above. */
    attributes: Type.Optional(Type.Array(Type.String({ maxLength: 200 }), { maxItems: 100 })),
  },
  { additionalProperties: false },
);
export type ColumnMapping = Type.Static<typeof ColumnMapping>;

/** Column indexes per field, from the header; unknown columns are a 400 naming them. */
export interface ResolvedMapping {
  index: Partial<Record<ContactImportField, number>>;
  attributes: { key: string; index: number }[];
  consentSource?: string;
  consentMethod?: string;
}

export function resolveMapping(mapping: ColumnMapping, header: string[]): ResolvedMapping {
  const position = new Map(header.map((name, i) => [name, i] as const));
  const index: ResolvedMapping["index"] = {};
  const missing: string[] = [];
  for (const field of CONTACT_IMPORT_FIELDS) {
    const column = mapping[field];
    if (column === undefined || column === "") continue;
    const at = position.get(column);
    if (at === undefined) missing.push(column);
    else index[field] = at;
  }
  if (index.consent !== undefined && !mapping.consentSource?.trim()) {
    throw badRequest("A consent column needs its evidence: consentSource", { consentSource: "tthc.validation.consent_evidence" });
  }
  const used = new Set(Object.values(index));
  const attributeColumns = mapping.attributes ?? header.filter((_, i) => !used.has(i));
  const attributes: ResolvedMapping["attributes"] = [];
  for (const column of attributeColumns) {
    const at = position.get(column);
    if (at === undefined) missing.push(column);
    else if (!used.has(at) && column !== "") attributes.push({ key: column, index: at });
  }
  if (missing.length > 0) {
    throw badRequest(`Columns not in the file: ${missing.join(", ")}`, { mapping: "tthc.validation.unknown_column" });
  }
  return {
    index,
    attributes,
    consentSource: mapping.consentSource?.trim() || undefined,
    consentMethod: mapping.consentMethod?.trim() || undefined,
  };
}

const GUESSES: Record<Exclude<ContactImportField, "consentAt">, string[]> = {
  phone: ["sdt", "so dien thoai", "dien thoai", "dt", "phone", "mobile", "so dt", "di dong"],
  name: ["ho ten", "ho va ten", "ten", "name", "full name"],
  commune: ["xa/phuong", "xa phuong", "xa", "phuong", "dia ban", "commune", "ward"],
  ageGroup: ["nhom tuoi", "do tuoi", "age group", "age"],
  tags: ["nhan", "the", "tags", "tag"],
  consent: ["dong y", "dong y nhan tin", "consent"],
};

/** The mapping a header suggests ("SĐT" → phone, "Họ tên" → name, "Xã/Phường" → commune …). */
export function guessMapping(header: string[]): Partial<Record<ContactImportField, string>> {
  const guess: Partial<Record<ContactImportField, string>> = {};
  for (const [field, names] of Object.entries(GUESSES) as [ContactImportField, string[]][]) {
    const column = header.find((h) => names.includes(searchKey(h).replace(/[._]/g, " ").replace(/\s+/g, " ")));
    if (column !== undefined) guess[field] = column;
  }
  return guess;
}

export type ConsentAnswer = "granted" | "refused" | "unknown" | "unrecognised";
const YES = new Set(["co", "yes", "y", "1", "true", "x", "dong y", "da dong y", "granted"]);
const NO = new Set(["khong", "no", "n", "0", "false", "tu choi", "khong dong y", "refused"]);

export function parseConsent(value: string): ConsentAnswer {
  const folded = searchKey(value);
  if (folded === "") return "unknown";
  if (YES.has(folded)) return "granted";
  if (NO.has(folded)) return "refused";
  return "unrecognised";
}

/**
 * "2026-03-01", "2026-03-01T08:00:00+07:00" or "01/03/2026" (Vietnamese day first, Vietnam time);
 * "invalid" for anything else, including days that do not exist: JavaScript's Date rolls 31/02 over
 * to 03/03, which would record consent on a day nobody wrote.
 */
export function parseConsentDate(value: string): Date | "invalid" {
  const text = value.trim();
  const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const day = dmy ? `${dmy[3]}-${dmy[2]?.padStart(2, "0")}-${dmy[1]?.padStart(2, "0")}` : text.slice(0, 10);
  if (!isRealDate(day)) return "invalid";
  // A day alone is that day's Vietnam midnight; a full timestamp says its own zone.
  if (dmy || text.length === 10) return fromVietnamDateTime(`${day}T00:00`) ?? "invalid";
  const date = new Date(text);
  return Number.isNaN(date.getTime()) || !/^\d{4}-\d{2}-\d{2}T/.test(text) ? "invalid" : date;
}
