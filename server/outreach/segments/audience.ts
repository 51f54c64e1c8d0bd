// Segments as SQL, for counting in the console and for the campaign engine's INSERT … SELECT of
// recipients. Every value is a bind parameter; conditions are on the alias `c` (contacts).
// Suppressions, the DNC list and refusals are NOT applied here: the engine records each such
// recipient as skipped with its reason, and the worker checks again right before sending.
import Type from "typebox";
import { Value } from "typebox/value";
import { CONSENT_STATUSES } from "../../contract/enums.js";
import { Prisma } from "../../generated/prisma/client.js";

export const SegmentFilterSchema = Type.Object(
  {
    /** Contacts linked to these agencies or to any agency below them in the tree. */
    agencyIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1, maximum: 2147483647 }), { maxItems: 500, uniqueItems: true })),
    ageGroups: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 50, uniqueItems: true })),
    /** Any of these tags. */
    tags: Type.Optional(Type.Array(Type.String({ minLength: 1, maxLength: 100 }), { maxItems: 100, uniqueItems: true })),
    consent: Type.Optional(Type.Array(Type.Union(CONSENT_STATUSES.map((s) => Type.Literal(s))), { maxItems: 3, uniqueItems: true })),
  },
  { additionalProperties: false },
);

export interface SegmentFilter {
  agencyIds?: number[];
  ageGroups?: string[];
  tags?: string[];
  consent?: ("unknown" | "granted" | "refused")[];
}

/** A stored filter (JSON column) as a SegmentFilter; anything else is an error, never "everyone". */
export function parseSegmentFilter(value: unknown): SegmentFilter {
  if (!Value.Check(SegmentFilterSchema, value)) throw new TypeError("not a segment filter");
  return value as SegmentFilter;
}

/** The filter as a condition on `c`; an empty list in a field matches nothing, an absent field everything. */
export function segmentWhereSql(filter: SegmentFilter): Prisma.Sql {
  const conditions: Prisma.Sql[] = [];
  if (filter.agencyIds) {
    conditions.push(Prisma.sql`c.agency_id IN (
      WITH RECURSIVE tree AS (
        SELECT a.id FROM agencies a WHERE a.id = ANY(${filter.agencyIds}::int[])
        UNION SELECT a.id FROM agencies a JOIN tree ON a.parent_id = tree.id
      ) SELECT id FROM tree)`);
  }
  if (filter.ageGroups) conditions.push(Prisma.sql`c.age_group = ANY(${filter.ageGroups}::text[])`);
  if (filter.tags) conditions.push(Prisma.sql`c.tags && ${filter.tags}::text[]`);
  if (filter.consent) conditions.push(Prisma.sql`c.consent_status::text = ANY(${filter.consent}::text[])`);
  return conditions.length === 0 ? Prisma.sql`TRUE` : Prisma.sql`(${Prisma.join(conditions, " AND ")})`;
}

/**
 * `SELECT DISTINCT c.id, c.phone FROM contacts c WHERE` the contact is in one of the lists or matches
 * one of the audience's segments. Segments not named in audience.segmentIds are ignored; an audience
 * with neither lists nor segments selects nobody.
 */
export function audienceContactsSql(
  audience: { listIds: number[]; segmentIds: number[] },
  segments: { id: number; filter: SegmentFilter }[],
): Prisma.Sql {
  const parts: Prisma.Sql[] = [];
  if (audience.listIds.length > 0) {
    parts.push(
      Prisma.sql`EXISTS (SELECT 1 FROM contact_list_members m WHERE m.contact_id = c.id AND m.list_id = ANY(${audience.listIds}::int[]))`,
    );
  }
  const wanted = new Set(audience.segmentIds);
  for (const segment of segments) if (wanted.has(segment.id)) parts.push(segmentWhereSql(segment.filter));
  const where = parts.length === 0 ? Prisma.sql`FALSE` : Prisma.join(parts, " OR ");
  return Prisma.sql`SELECT DISTINCT c.id, c.phone FROM contacts c WHERE ${where}`;
}
