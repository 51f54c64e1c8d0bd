// The contact import: an upload streamed through the CSV reader, validated and normalised row by row
// here, streamed on by COPY into a staging table and merged there in SQL (import-staging.ts). Memory
// holds one chunk of COPY text and the PhoneSet of numbers already seen (8 bytes per distinct number),
// never the file.

import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { from as copyFrom } from "pg-copy-streams";
import type { Prisma } from "../../generated/prisma/client.js";
import { canReceiveSms, type NormalizedPhone, normalizeVietnamesePhone } from "../../phone/normalize.js";
import { type Db, poolOf } from "../../platform/db/client.js";
import { searchKey } from "../../text/unaccent.js";
import { csvEvents } from "./csv-source.js";
import {
  COPY_STAGING,
  CREATE_STAGING,
  copyLine,
  FOLD_REPEATS,
  INSERT_ERRORS,
  mergeContactsSql,
  textArrayLiteral,
} from "./import-staging.js";
import { type ColumnMapping, parseConsent, parseConsentDate, resolveMapping } from "./mapping.js";
import { PhoneSet } from "./phone-set.js";

/** Rejections (the row is not imported) and notes (imported, but worth a look). */
export const REJECTIONS = [
  "empty",
  "invalid",
  "landline",
  "not_mobile",
  "not_vietnamese",
  "malformed",
  "invalid_characters",
  "invalid_date",
] as const;
export const NOTES = ["duplicate_in_file", "unknown_commune", "consent_unrecognised"] as const;
export type ImportErrorReason = (typeof REJECTIONS)[number] | (typeof NOTES)[number];

export interface ImportCounts {
  totalRows: number;
  importedRows: number;
  duplicateRows: number;
  errorRows: number;
}

/** One contact as the file gives it; undefined fields leave what the database has. */
export interface ContactRow {
  phone: string;
  name?: string;
  agencyId?: number;
  ageGroup?: string;
  tags: string[];
  attributes: Record<string, string>;
  carrier?: string;
  consent: "unknown" | "granted" | "refused";
  consentSource?: string;
  consentAt?: Date;
  consentMethod?: string;
}

const BATCH_ROWS = 10_000;
const VALUE_MAX = 200;

/** Why a number cannot be a contact; the row-level rejections (malformed, invalid_characters) never come from here. */
export function rejectionOf(
  result: NormalizedPhone,
): Exclude<(typeof REJECTIONS)[number], "malformed" | "invalid_characters" | "invalid_date"> | undefined {
  if (result.ok) {
    if (canReceiveSms(result)) return undefined;
    return result.type === "landline" ? "landline" : "not_mobile";
  }
  if (result.reason === "empty") return "empty";
  if (result.reason === "not_vietnamese") return "not_vietnamese";
  return "invalid";
}

/**
 * Two rows for one number become one (FOLD_REPEATS in import-staging.ts applies the same rules in SQL): later non-empty fields win, tags and attributes accumulate, and
 * consent follows the same rule as the database upsert (a refusal is never undone by a later row).
 */
export function mergeContact(older: ContactRow, newer: ContactRow): ContactRow {
  const keepConsent = older.consent === "refused" || newer.consent === "unknown";
  return {
    phone: older.phone,
    name: newer.name ?? older.name,
    agencyId: newer.agencyId ?? older.agencyId,
    ageGroup: newer.ageGroup ?? older.ageGroup,
    tags: [...new Set([...older.tags, ...newer.tags])],
    attributes: { ...older.attributes, ...newer.attributes },
    carrier: newer.carrier ?? older.carrier,
    ...(keepConsent
      ? { consent: older.consent, consentSource: older.consentSource, consentAt: older.consentAt, consentMethod: older.consentMethod }
      : { consent: newer.consent, consentSource: newer.consentSource, consentAt: newer.consentAt, consentMethod: newer.consentMethod }),
  };
}

const COMMUNE_PREFIXES = /^(xa|phuong|thi tran|dac khu|x\.|p\.|tt\.?)\s*/;

/** Finds an agency by name (with or without "Xã"/"Phường"), code or dial code; ambiguous short names match nothing. */
export async function communeMatcher(db: Db): Promise<(value: string) => number | undefined> {
  const agencies = await db.agency.findMany({ select: { id: true, name: true, code: true, dialCode: true, kind: true } });
  const exact = new Map<string, number>();
  const short = new Map<string, number | null>();
  // Communes and wards first: a department named like a ward must not win.
  const ordered = [...agencies].sort(
    (a, b) => Number(b.kind === "commune" || b.kind === "ward") - Number(a.kind === "commune" || a.kind === "ward"),
  );
  for (const agency of ordered) {
    for (const key of [searchKey(agency.name), searchKey(agency.code), agency.dialCode ?? ""]) {
      if (key && !exact.has(key)) exact.set(key, agency.id);
    }
    const bare = searchKey(agency.name).replace(COMMUNE_PREFIXES, "");
    if (bare) short.set(bare, short.has(bare) && short.get(bare) !== agency.id ? null : agency.id);
  }
  return (value) => {
    const key = searchKey(value);
    if (!key) return undefined;
    return exact.get(key) ?? short.get(key.replace(COMMUNE_PREFIXES, "")) ?? undefined;
  };
}

const text = (fields: string[], index: number | undefined): string | undefined => {
  if (index === undefined) return undefined;
  const value = fields[index]?.trim();
  return value ? value : undefined;
};

/** Adds the contacts to the list; returns how many were not in it yet. */
export async function addToList(db: Db | Prisma.TransactionClient, listId: number, contactIds: number[]): Promise<number> {
  if (contactIds.length === 0) return 0;
  return db.$executeRaw`
    INSERT INTO contact_list_members (list_id, contact_id)
    SELECT ${listId}, unnest(${contactIds}::int[])
    ON CONFLICT DO NOTHING`;
}

export interface ImportRun {
  importId: number;
  mapping: ColumnMapping;
  listId?: number | null;
  now?: () => Date;
  /** Rows between two writes of the counts (progress); they are also written at least every PROGRESS_MS. */
  batchRows?: number;
}

/** The COPY stream is written in chunks of about this many characters. */
const CHUNK_CHARS = 64 * 1024;
const PROGRESS_MS = 500;
const ANALYZE_ROWS = 10_000;
/** The contact columns of a report line in the staging table. */
const NO_CONTACT = Array.from({ length: 12 }, () => null);

/**
 * Reads the whole upload and records everything on the ContactImport row (counts while reading, so
 * GET /api/contact-imports/:id shows progress). Rows are validated and normalised here, streamed by
 * COPY into a staging table and merged in SQL at the end (import-staging.ts), in one transaction: an
 * import that fails half-way leaves no contacts behind. Throws an HttpError from resolveMapping when
 * the mapping names columns the file lacks; the caller marks the import failed.
 */
export async function runContactImport(db: Db, input: AsyncIterable<Buffer | string>, run: ImportRun): Promise<ImportCounts> {
  const now = run.now ?? (() => new Date());
  const batchRows = run.batchRows ?? BATCH_ROWS;
  const commune = await communeMatcher(db);
  const events = csvEvents(input)[Symbol.asyncIterator]();
  // The header comes first (an empty file gives an empty one): a wrong mapping fails before any SQL.
  const first = await events.next();
  const columns = !first.done && first.value.kind === "header" ? first.value.columns : [];
  const resolved = resolveMapping(run.mapping, columns);
  const header = columns;
  const seen = new PhoneSet();
  const counts: ImportCounts = { totalRows: 0, importedRows: 0, duplicateRows: 0, errorRows: 0 };
  const startedAt = now();
  const consentOf = memo(parseConsent);
  let seq = 0;
  let reported = 0;

  const errorLine = (rowNumber: number, at: number | undefined, value: string, reason: ImportErrorReason) => {
    reported++;
    const column = at === undefined ? null : (header[at] ?? null);
    return copyLine([++seq, rowNumber, reason, column, value.slice(0, VALUE_MAX), ...NO_CONTACT]);
  };

  /** The COPY text of the whole file, a chunk at a time; counts are written as it goes. */
  async function* lines(): AsyncGenerator<string> {
    let chunk = "";
    let sinceProgress = 0;
    let progressAt = Date.now();
    for (let next = await events.next(); !next.done; next = await events.next()) {
      const event = next.value;
      if (event.kind === "header") continue;
      counts.totalRows++;
      if (event.kind === "malformed" || event.fields.length !== header.length) {
        counts.errorRows++;
        chunk += errorLine(event.row, undefined, event.raw, event.kind === "malformed" ? event.reason : "malformed");
      } else {
        chunk += rowLines(event.row, event.fields);
      }
      if (chunk.length >= CHUNK_CHARS) {
        yield chunk;
        chunk = "";
      }
      if (++sinceProgress >= batchRows || Date.now() - progressAt >= PROGRESS_MS) {
        await db.contactImport.update({ where: { id: run.importId }, data: counts });
        sinceProgress = 0;
        progressAt = Date.now();
      }
    }
    if (chunk) yield chunk;
  }

  /** The COPY lines of one well-formed row: its notes or rejection, and the contact if it is one. */
  function rowLines(row: number, fields: string[]): string {
    const { index } = resolved;
    const phoneText = fields[index.phone ?? 0] ?? "";
    const phone = normalizeVietnamesePhone(phoneText);
    const rejection = rejectionOf(phone);
    const consentAtText = text(fields, index.consentAt);
    const consentAt = consentAtText === undefined ? startedAt : parseConsentDate(consentAtText);
    if (rejection || !phone.ok) {
      counts.errorRows++;
      return errorLine(row, index.phone, phoneText, rejection ?? "invalid");
    }
    if (consentAt === "invalid") {
      counts.errorRows++;
      return errorLine(row, index.consentAt, consentAtText ?? "", "invalid_date");
    }
    let out = "";
    const communeText = text(fields, index.commune);
    const agencyId = communeText ? commune(communeText) : undefined;
    if (communeText && agencyId === undefined) out += errorLine(row, index.commune, communeText, "unknown_commune");
    const consentText = text(fields, index.consent) ?? "";
    let consent = consentOf(consentText);
    if (consent === "unrecognised") {
      out += errorLine(row, index.consent, consentText, "consent_unrecognised");
      consent = "unknown";
    }
    const tags = (text(fields, index.tags) ?? "")
      .split(/[;,]/)
      .map((tag) => tag.trim())
      .filter(Boolean);
    const attributes: Record<string, string> = {};
    for (const { key, index: at } of resolved.attributes) {
      const value = fields[at]?.trim();
      if (value) attributes[key] = value;
    }
    const repeated = !seen.add(phone.e164);
    if (repeated) counts.duplicateRows++;
    else counts.importedRows++;
    const evidence = consent !== "unknown";
    const contact = copyLine([
      ++seq,
      row,
      null,
      null,
      null,
      phone.e164,
      text(fields, index.name),
      agencyId,
      text(fields, index.ageGroup),
      textArrayLiteral(tags),
      JSON.stringify(attributes),
      phone.carrier,
      consent,
      evidence ? resolved.consentSource : null,
      evidence ? consentAt.toISOString() : null,
      evidence ? resolved.consentMethod : null,
      repeated,
    ]);
    // The note on a repeat follows the row's other notes, as the report has always listed them.
    return repeated ? out + contact + errorLine(row, index.phone, phoneText, "duplicate_in_file") : out + contact;
  }

  const pool = poolOf(db);
  if (!pool) throw new Error("runContactImport needs a client made by createDb (its pool carries the COPY)");
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    // The COPY lasts as long as the upload; the merge statements are what the timeout is for.
    await client.query("SET LOCAL statement_timeout = 0");
    await client.query(CREATE_STAGING);
    await pipeline(Readable.from(lines()), client.query(copyFrom(COPY_STAGING)));
    await db.contactImport.update({ where: { id: run.importId }, data: counts });
    if (reported > 0) await client.query(INSERT_ERRORS, [run.importId]);
    const folded = counts.duplicateRows > 0;
    if (folded) for (const statement of FOLD_REPEATS) await client.query(statement);
    await client.query(mergeContactsSql({ folded, list: Boolean(run.listId) }), run.listId ? [run.listId] : []);
    await client.query("COMMIT");
    // A large import changes the tables' sizes at once, before autovacuum notices: without fresh
    // statistics the next approval or launch planned a million-row join as a nested loop (minutes).
    if (counts.importedRows >= ANALYZE_ROWS) await client.query("ANALYZE contacts, contact_list_members");
  } catch (error) {
    broken = error instanceof Error ? error : new Error(String(error));
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    // A connection whose COPY broke off is not handed back to the pool.
    client.release(broken);
  }
  return counts;
}

/** A function of a string remembered for the few distinct values a column like consent holds. */
function memo<T>(f: (value: string) => T, max = 256): (value: string) => T {
  const cache = new Map<string, T>();
  return (value) => {
    let result = cache.get(value);
    if (result === undefined) {
      result = f(value);
      if (cache.size < max) cache.set(value, result);
    }
    return result;
  };
}
