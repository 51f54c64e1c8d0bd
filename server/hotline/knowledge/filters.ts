// The list's filters other than the search (q), shared by the list and the CSV export.
import { vietnamClock } from "../../clock/vietnam-time.js";
import { KNOWLEDGE_STATUSES } from "../../contract/enums.js";
import type { Prisma } from "../../generated/prisma/client.js";
import { booleanFilter, codeFilter, idsWhere, integerFilter, stringFilter } from "../../platform/http/list-query.js";

/** Today in Vietnam, YYYY-MM-DD: an article is stale from the day after its review day. */
export const today = () => vietnamClock(new Date()).date;
const todayDate = () => new Date(`${today()}T00:00:00Z`);

export function filterWhere(filter: Record<string, unknown>): Prisma.KnowledgeArticleWhereInput {
  const stale = booleanFilter(filter, "stale");
  const topic = stringFilter(filter, "topic");
  return {
    AND: [
      idsWhere(filter),
      topic ? { topic } : {},
      { agencyId: integerFilter(filter, "agencyId") },
      { status: codeFilter(filter, "status", KNOWLEDGE_STATUSES) },
      stale === true ? { reviewOn: { lt: todayDate() } } : {},
      stale === false ? { OR: [{ reviewOn: null }, { reviewOn: { gte: todayDate() } }] } : {},
    ],
  };
}
