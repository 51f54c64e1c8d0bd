// An article as the API sends it: its agency's name, links as stored, the review day as YYYY-MM-DD,
// whether it is stale today, and whether this user may edit it. Pure.
import type { KnowledgeLink } from "../../contract/hotline/knowledge.js";
import type { Prisma } from "../../generated/prisma/client.js";

export const ARTICLE_INCLUDE = { agency: { select: { name: true, code: true } } } as const;
export type ArticleRow = Prisma.KnowledgeArticleGetPayload<{ include: typeof ARTICLE_INCLUDE; omit: { searchKey: true } }>;

/** A DATE column as its day: Prisma reads it as UTC midnight. */
export const dayOf = (date: Date | null): string | null => (date ? date.toISOString().slice(0, 10) : null);

/** Links as stored: the API only ever writes valid ones; anything else (a hand edit) is dropped. */
export function linksOf(value: unknown): KnowledgeLink[] {
  if (!Array.isArray(value)) return [];
  return value.filter(
    (link): link is KnowledgeLink =>
      typeof link === "object" && link !== null && typeof link.label === "string" && typeof link.url === "string",
  );
}

export function isStale(reviewOn: string | null, today: string): boolean {
  return reviewOn !== null && reviewOn < today;
}

export function articleWire(row: ArticleRow, today: string, canEdit: boolean) {
  const { agency, createdById: _c, updatedById: _u, ...rest } = row;
  const reviewOn = dayOf(row.reviewOn);
  return {
    ...rest,
    agencyName: agency.name,
    links: linksOf(row.links),
    reviewOn,
    stale: isStale(reviewOn, today),
    canEdit,
  };
}

/** What the audit log keeps of an article (its text included: it is what changed). */
export function auditable(row: ArticleRow) {
  const { agency: _a, createdAt: _c, updatedAt: _u, useCount: _n, lastUsedAt: _l, ...kept } = row;
  return { ...kept, reviewOn: dayOf(row.reviewOn) };
}
