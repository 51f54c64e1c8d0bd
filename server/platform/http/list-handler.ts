// The one shape of a react-admin list endpoint (ra-data-simple-rest): read sort, range and filter
// (list-query.ts), build one where-clause from the filter, count it and fetch the page together, and
// tell the total in Content-Range. Routes say only what is theirs: the columns, the filter, the query.
import { contentRange, parseListQuery } from "./list-query.js";

/** findMany arguments for the requested page. */
export interface PageArgs {
  orderBy: Record<string, "asc" | "desc">[];
  skip: number;
  take: number;
}

export interface ListSpec<Where, Row> {
  /** The resource named in Content-Range. */
  resource: string;
  sortable: readonly string[];
  defaultSort: readonly [string, "ASC" | "DESC"];
  /** The column that orders rows whose sort field ties, so pages never overlap; the id unless keyed otherwise. */
  tieBreaker?: string;
  /** The where-clause that both the count and the page use, from the parsed filter. */
  where: (filter: Record<string, unknown>) => Where | Promise<Where>;
  /** The total under the where-clause; the filter it came from is there for a cheaper way to the same number. */
  count: (where: Where, filter: Record<string, unknown>) => Promise<number>;
  page: (where: Where, page: PageArgs) => Promise<Row[]>;
}

/** The requested page of rows, with Content-Range set on the reply as react-admin expects. */
export async function listPage<Where, Row>(
  query: { sort?: string; range?: string; filter?: string },
  reply: { header(name: string, value: string): unknown },
  spec: ListSpec<Where, Row>,
): Promise<Row[]> {
  const list = parseListQuery(query, spec);
  const where = await spec.where(list.filter);
  const { field, order } = list.sort;
  const page = { orderBy: [{ [field]: order }, { [spec.tieBreaker ?? "id"]: order }], skip: list.skip, take: list.take };
  const [total, rows] = await Promise.all([spec.count(where, list.filter), spec.page(where, page)]);
  reply.header("Content-Range", contentRange(spec.resource, list.skip, rows.length, total));
  return rows;
}
