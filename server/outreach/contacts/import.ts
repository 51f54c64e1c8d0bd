// The contact import: an upload streamed through csv-parse, normalised row by row, merged and written
// in batches. Memory holds one batch (BATCH_ROWS contacts and their row errors) and the PhoneSet of
// numbers already seen (8 bytes per distinct number), never the file.

import type { Prisma } from "../../generated/prisma/client.js";
import { canReceiveSms, type NormalizedPhone, normalizeVietnamesePhone } from "../../phone/normalize.js";
import type { Db } from "../../platform/db/client.js";
import { searchKey } from "../../text/unaccent.js";
import { csvEvents } from "./csv-source.js";
import { type ColumnMapping, parseConsent, parseConsentDate, type ResolvedMapping, resolveMapping } from "./mapping.js";
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

const BATCH_ROWS = 1000;
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
 * Two rows for one number become one: later non-empty fields win, tags and attributes accumulate, and
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

interface RowError {
  rowNumber: number;
  /** The file's column holding the value; none for a row that could not be read. */
  column: string | null;
  value: string;
  reason: ImportErrorReason;
}

/** Writes a batch of merged contacts; returns their ids. Arrays as parameters: 11 per statement whatever the batch size. */
export async function upsertContacts(db: Db, rows: ContactRow[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const col = <T>(pick: (row: ContactRow) => T) => rows.map(pick);
  const result = await db.$queryRaw<{ id: number }[]>`
    INSERT INTO contacts AS c
      (phone, name, agency_id, age_group, tags, attributes, carrier, consent_status, consent_source, consent_at, consent_method, updated_at)
    SELECT t.phone, t.name, t.agency_id, t.age_group, ARRAY(SELECT jsonb_array_elements_text(t.tags::jsonb)), t.attributes::jsonb,
           t.carrier, t.consent::"ConsentStatus", t.consent_source, t.consent_at, t.consent_method, now()
    FROM unnest(
      ${col((r) => r.phone)}::text[], ${col((r) => r.name ?? null)}::text[], ${col((r) => r.agencyId ?? null)}::int[],
      ${col((r) => r.ageGroup ?? null)}::text[], ${col((r) => JSON.stringify(r.tags))}::text[],
      ${col((r) => JSON.stringify(r.attributes))}::text[], ${col((r) => r.carrier ?? null)}::text[], ${col((r) => r.consent)}::text[],
      ${col((r) => r.consentSource ?? null)}::text[], ${col((r) => r.consentAt?.toISOString() ?? null)}::timestamptz[],
      ${col((r) => r.consentMethod ?? null)}::text[]
    ) AS t(phone, name, agency_id, age_group, tags, attributes, carrier, consent, consent_source, consent_at, consent_method)
    ON CONFLICT (phone) DO UPDATE SET
      name = COALESCE(EXCLUDED.name, c.name),
      agency_id = COALESCE(EXCLUDED.agency_id, c.agency_id),
      age_group = COALESCE(EXCLUDED.age_group, c.age_group),
      tags = ARRAY(SELECT DISTINCT x FROM unnest(c.tags || EXCLUDED.tags) AS x ORDER BY x),
      attributes = c.attributes || EXCLUDED.attributes,
      carrier = COALESCE(EXCLUDED.carrier, c.carrier),
      consent_status = CASE WHEN c.consent_status = 'refused' OR EXCLUDED.consent_status = 'unknown'
                            THEN c.consent_status ELSE EXCLUDED.consent_status END,
      consent_source = CASE WHEN c.consent_status = 'refused' OR EXCLUDED.consent_status = 'unknown'
                            THEN c.consent_source ELSE EXCLUDED.consent_source END,
      consent_at = CASE WHEN c.consent_status = 'refused' OR EXCLUDED.consent_status = 'unknown'
                        THEN c.consent_at ELSE EXCLUDED.consent_at END,
      consent_method = CASE WHEN c.consent_status = 'refused' OR EXCLUDED.consent_status = 'unknown'
                            THEN c.consent_method ELSE EXCLUDED.consent_method END,
      updated_at = now()
    RETURNING id`;
  return result.map((r) => r.id);
}

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
  batchRows?: number;
}

/**
 * Reads the whole upload and records everything on the ContactImport row (counts after each batch,
 * so GET /api/contact-imports/:id shows progress). Throws an HttpError from resolveMapping when the
 * mapping names columns the file lacks; the caller marks the import failed.
 */
export async function runContactImport(db: Db, input: AsyncIterable<Buffer | string>, run: ImportRun): Promise<ImportCounts> {
  const now = run.now ?? (() => new Date());
  const batchRows = run.batchRows ?? BATCH_ROWS;
  const commune = await communeMatcher(db);
  const seen = new PhoneSet();
  const counts: ImportCounts = { totalRows: 0, importedRows: 0, duplicateRows: 0, errorRows: 0 };
  let resolved: ResolvedMapping | undefined;
  let header: string[] = [];
  let batch = new Map<string, ContactRow>();
  let errors: RowError[] = [];
  const startedAt = now();

  const flush = async () => {
    const ids = await upsertContacts(db, [...batch.values()]);
    if (run.listId) await addToList(db, run.listId, ids);
    if (errors.length > 0) await db.contactImportError.createMany({ data: errors.map((e) => ({ importId: run.importId, ...e })) });
    await db.contactImport.update({ where: { id: run.importId }, data: counts });
    batch = new Map();
    errors = [];
  };
  const note = (rowNumber: number, at: number | undefined, value: string, reason: ImportErrorReason) =>
    errors.push({ rowNumber, column: at === undefined ? null : (header[at] ?? null), value: value.slice(0, VALUE_MAX), reason });

  for await (const event of csvEvents(input)) {
    if (event.kind === "header") {
      resolved = resolveMapping(run.mapping, event.columns);
      header = event.columns;
      continue;
    }
    counts.totalRows++;
    if (event.kind === "malformed" || event.fields.length !== header.length || !resolved) {
      counts.errorRows++;
      note(event.row, undefined, event.raw, event.kind === "malformed" ? event.reason : "malformed");
    } else {
      const { fields, row } = event;
      const { index } = resolved;
      const phoneText = fields[index.phone ?? 0] ?? "";
      const phone = normalizeVietnamesePhone(phoneText);
      const rejection = rejectionOf(phone);
      const consentAtText = text(fields, index.consentAt);
      const consentAt = consentAtText === undefined ? startedAt : parseConsentDate(consentAtText);
      if (rejection || !phone.ok) {
        counts.errorRows++;
        note(row, index.phone, phoneText, rejection ?? "invalid");
      } else if (consentAt === "invalid") {
        counts.errorRows++;
        note(row, index.consentAt, consentAtText ?? "", "invalid_date");
      } else {
        const communeText = text(fields, index.commune);
        const agencyId = communeText ? commune(communeText) : undefined;
        if (communeText && agencyId === undefined) note(row, index.commune, communeText, "unknown_commune");
        const consentText = text(fields, index.consent) ?? "";
        let consent = parseConsent(consentText);
        if (consent === "unrecognised") {
          note(row, index.consent, consentText, "consent_unrecognised");
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
        const contact: ContactRow = {
          phone: phone.e164,
          name: text(fields, index.name),
          agencyId,
          ageGroup: text(fields, index.ageGroup),
          tags,
          attributes,
          carrier: phone.carrier,
          consent,
          ...(consent !== "unknown" && {
            consentSource: resolved.consentSource,
            consentMethod: resolved.consentMethod,
            consentAt,
          }),
        };
        if (seen.add(phone.e164)) {
          counts.importedRows++;
        } else {
          counts.duplicateRows++;
          note(row, index.phone, phoneText, "duplicate_in_file");
        }
        const earlier = batch.get(phone.e164);
        batch.set(phone.e164, earlier ? mergeContact(earlier, contact) : contact);
      }
    }
    if (batch.size >= batchRows || errors.length >= batchRows) await flush();
  }
  if (!resolved) resolveMapping(run.mapping, []);
  await flush();
  return counts;
}
