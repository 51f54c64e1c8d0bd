// Where an import's rows wait before they become contacts: a temporary table filled by COPY FROM STDIN
// (pg-copy-streams) and merged into contacts, list members and the error report by a few set-based
// statements, all in one transaction on one connection. Node parses, validates and normalises each row
// (per-row logic: phone numbers, consent, commune names); PostgreSQL does what it is fast at: taking
// rows in bulk and merging sets. A million rows went from 45 s in batches of 1,000 to a few times COPY.
//
// The table is TEMP … ON COMMIT DROP: private to the import's connection, never WAL-logged, gone at
// commit, at rollback and when a crashed connection closes, so nothing is left to clean up.

/** One line of COPY's text format: fields separated by tabs, \N for NULL, backslash escapes. */
export function copyLine(fields: readonly (string | number | boolean | null | undefined)[]): string {
  let line = "";
  for (let i = 0; i < fields.length; i++) {
    if (i > 0) line += "\t";
    const value = fields[i];
    if (value === null || value === undefined) line += "\\N";
    else if (typeof value === "string") line += copyEscape(value);
    else line += String(value);
  }
  return `${line}\n`;
}

const SPECIAL = /[\\\t\n\r]/;
const ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };

function copyEscape(value: string): string {
  return SPECIAL.test(value) ? value.replace(/[\\\t\n\r]/g, (ch) => ESCAPES[ch] as string) : value;
}

/** A text[] literal ({"a","b"}), every element quoted so commas, braces and quotes in tags stay text. */
export function textArrayLiteral(values: readonly string[]): string {
  if (values.length === 0) return "{}";
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, "\\$&")}"`).join(",")}}`;
}

/**
 * Rows of the file in order (seq): a contact to merge (phone set, reason NULL) or a line of the error
 * report (reason set). `repeated` marks a contact row whose number an earlier row of the file had.
 */
export const CREATE_STAGING = `
  CREATE TEMP TABLE import_rows (
    seq int NOT NULL, row_number int NOT NULL, reason text, column_name text, value text,
    phone text, name text, agency_id int, age_group text, tags text[], attributes jsonb, carrier text,
    consent text, consent_source text, consent_at timestamptz, consent_method text, repeated boolean
  ) ON COMMIT DROP`;

export const COPY_STAGING = `COPY import_rows (seq, row_number, reason, column_name, value, phone, name, agency_id, age_group,
  tags, attributes, carrier, consent, consent_source, consent_at, consent_method, repeated) FROM STDIN`;

/** The report's lines, in file order (notes of one row in the order they were made). */
export const INSERT_ERRORS = `
  INSERT INTO contact_import_errors (import_id, row_number, column_name, value, reason)
  SELECT $1, row_number, column_name, value, reason FROM import_rows WHERE reason IS NOT NULL ORDER BY seq`;

/**
 * Numbers the file has more than once become one row, by the rules of mergeContact (import.ts): later
 * non-empty fields win, tags accumulate in order of first appearance, attributes accumulate (a later
 * row's value for a key wins), and consent is the first refusal if any row refused (a refusal is
 * never undone), else the last grant, else unknown. The rows folded are then taken out of import_rows.
 */
/** Refusals first (the earliest), then grants (the latest), then the rest. */
const CONSENT_ORDER = `CASE consent WHEN 'refused' THEN 0 WHEN 'granted' THEN 1 ELSE 2 END, CASE WHEN consent = 'refused' THEN seq ELSE -seq END`;

export const FOLD_REPEATS = [
  `CREATE TEMP TABLE import_folded ON COMMIT DROP AS
  WITH d AS (
    SELECT * FROM import_rows WHERE reason IS NULL AND phone IN (SELECT phone FROM import_rows WHERE repeated)
  ),
  g AS (
    SELECT phone, min(seq) AS seq,
      (array_agg(name ORDER BY seq DESC) FILTER (WHERE name IS NOT NULL))[1] AS name,
      (array_agg(agency_id ORDER BY seq DESC) FILTER (WHERE agency_id IS NOT NULL))[1] AS agency_id,
      (array_agg(age_group ORDER BY seq DESC) FILTER (WHERE age_group IS NOT NULL))[1] AS age_group,
      (array_agg(carrier ORDER BY seq DESC) FILTER (WHERE carrier IS NOT NULL))[1] AS carrier,
      (array_agg(consent ORDER BY ${CONSENT_ORDER}))[1] AS consent,
      (array_agg(consent_source ORDER BY ${CONSENT_ORDER}))[1] AS consent_source,
      (array_agg(consent_at ORDER BY ${CONSENT_ORDER}))[1] AS consent_at,
      (array_agg(consent_method ORDER BY ${CONSENT_ORDER}))[1] AS consent_method
    FROM d GROUP BY phone
  ),
  t AS (
    SELECT phone, array_agg(tag ORDER BY first) AS tags
    FROM (SELECT phone, tag, min(ARRAY[seq::bigint, o]) AS first FROM d, unnest(d.tags) WITH ORDINALITY u(tag, o) GROUP BY phone, tag) x
    GROUP BY phone
  ),
  a AS (
    SELECT phone, jsonb_object_agg(k, v ORDER BY seq) AS attributes FROM d, jsonb_each(d.attributes) e(k, v) GROUP BY phone
  )
  SELECT g.phone, g.seq, g.name, g.agency_id, g.age_group, coalesce(t.tags, '{}') AS tags,
    coalesce(a.attributes, '{}') AS attributes, g.carrier, g.consent, g.consent_source, g.consent_at, g.consent_method
  FROM g LEFT JOIN t USING (phone) LEFT JOIN a USING (phone)`,
  `DELETE FROM import_rows r USING import_folded f WHERE r.phone = f.phone`,
];

const CONTACT_COLUMNS = `phone, name, agency_id, age_group, tags, attributes, carrier, consent, consent_source, consent_at, consent_method`;

/**
 * The upsert of the import's contacts with the database's: the same rules as within the file (an
 * empty cell leaves what is stored, tags and attributes accumulate, a refusal stays), then, with a
 * list, its new members, from the ids the upsert returns. One statement over the whole file.
 */
export function mergeContactsSql(options: { folded: boolean; list: boolean }): string {
  const source = options.folded
    ? `SELECT ${CONTACT_COLUMNS} FROM import_rows WHERE reason IS NULL UNION ALL SELECT ${CONTACT_COLUMNS} FROM import_folded`
    : `SELECT ${CONTACT_COLUMNS} FROM import_rows WHERE reason IS NULL`;
  const upsert = `
    INSERT INTO contacts AS c
      (phone, name, agency_id, age_group, tags, attributes, carrier, consent_status, consent_source, consent_at, consent_method, updated_at)
    SELECT s.phone, s.name, s.agency_id, s.age_group, s.tags, s.attributes, s.carrier, s.consent::"ConsentStatus",
      s.consent_source, s.consent_at, s.consent_method, now()
    FROM (${source}) s
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
      updated_at = now()`;
  if (!options.list) return upsert;
  return `WITH up AS (${upsert} RETURNING id)
    INSERT INTO contact_list_members (list_id, contact_id) SELECT $1, id FROM up ON CONFLICT DO NOTHING`;
}
