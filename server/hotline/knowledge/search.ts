// Searching the knowledge base: PostgreSQL full text on the text without accents (the generated
// `search_vector`, see the migration …_knowledge_base), so "khai sinh" and "khai sinh" typed without
// accents find the same articles. Every word must match, each as a prefix ("khai si" already finds
// "khai sinh" while the staff member types); articles whose title matches every word come first,
// then by ts_rank (title A, procedure B, answer C), then the most used. A query no word of which the
// parser keeps (a procedure code "1.001193", a fragment inside a word) still finds what contains it,
// through the folded `search_key`.
import { Prisma } from "../../generated/prisma/client.js";
import type { Db } from "../../platform/db/client.js";
import { searchKey } from "../../text/unaccent.js";

/** More matches than this are never useful to someone on a call; the list pages through these. */
export const MAX_MATCHES = 2000;

export interface SearchTerms {
  /** `khai:* & sinh:*`, or "" when the query has no word. */
  all: string;
  /** The same words, each only in the title (weight A). */
  title: string;
  /** `%khai sinh%` on the folded text, LIKE's own characters escaped. */
  contains: string;
}

/** The terms of a query typed in a search box; null when it holds nothing to search for. Pure. */
export function searchTerms(q: string): SearchTerms | null {
  const key = searchKey(q);
  if (!key) return null;
  // Only letters and digits reach to_tsquery, whose own syntax (& | ! ( ) : * ' <->) is thus never typed by a user.
  const words = key
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .slice(0, 12);
  return {
    all: words.map((w) => `${w}:*`).join(" & "),
    title: words.map((w) => `${w}:*A`).join(" & "),
    contains: `%${key.replace(/[\\%_]/g, (c) => `\\${c}`)}%`,
  };
}

/** Ids of the articles matching, best first (at most MAX_MATCHES). */
export async function rankedIds(db: Db, terms: SearchTerms): Promise<number[]> {
  const rows = terms.all
    ? await db.$queryRaw<{ id: number }[]>(Prisma.sql`
        SELECT id FROM knowledge_articles
        WHERE search_vector @@ to_tsquery('simple', ${terms.all}) OR search_key LIKE ${terms.contains}
        ORDER BY search_vector @@ to_tsquery('simple', ${terms.title}) DESC,
                 ts_rank(search_vector, to_tsquery('simple', ${terms.all})) DESC,
                 use_count DESC, id
        LIMIT ${MAX_MATCHES}`)
    : await db.$queryRaw<{ id: number }[]>(Prisma.sql`
        SELECT id FROM knowledge_articles WHERE search_key LIKE ${terms.contains}
        ORDER BY use_count DESC, id LIMIT ${MAX_MATCHES}`);
  return rows.map((row) => row.id);
}
