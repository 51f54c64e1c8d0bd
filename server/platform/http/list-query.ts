// Parses the ra-data-simple-rest list conventions: sort=["field","ASC"], range=[0,24], filter={...}.
import Type from "typebox";
import { addDays, isRealDate, vietnamInstant } from "../../clock/vietnam-time.js";
import { searchKey } from "../../text/unaccent.js";
import { badRequest, invalidField } from "./errors.js";
import { assertValidValue } from "./input-values.js";

export interface ListQuery {
  sort: { field: string; order: "asc" | "desc" };
  skip: number;
  take: number;
  filter: Record<string, unknown>;
}

export const listQuerystring = Type.Object(
  {
    sort: Type.Optional(Type.String({ maxLength: 200 })),
    range: Type.Optional(Type.String({ maxLength: 100 })),
    filter: Type.Optional(Type.String({ maxLength: 4000 })),
  },
  { additionalProperties: false },
);

const MAX_PAGE = 1000;
/** Ids are PostgreSQL integers; anything larger is refused before it reaches the database. */
const MAX_INT = 2_147_483_647;

function parseJson(name: string, raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw badRequest(`${name} is not valid JSON`, { [name]: "tthc.validation.json" });
  }
}

export function parseListQuery(
  query: { sort?: string; range?: string; filter?: string },
  options: { sortable: readonly string[]; defaultSort: readonly [string, "ASC" | "DESC"] },
): ListQuery {
  let [field, order] = options.defaultSort;
  if (query.sort) {
    const sort = parseJson("sort", query.sort);
    if (!Array.isArray(sort) || typeof sort[0] !== "string" || !["ASC", "DESC"].includes(String(sort[1]).toUpperCase())) {
      throw badRequest('sort must look like ["field","ASC"]', { sort: "tthc.validation.sort" });
    }
    if (!options.sortable.includes(sort[0])) {
      throw badRequest(`sort field must be one of ${options.sortable.join(", ")}`, { sort: "tthc.validation.sort" });
    }
    field = sort[0];
    order = String(sort[1]).toUpperCase() as "ASC" | "DESC";
  }

  let skip = 0;
  let take = 25;
  if (query.range) {
    const range = parseJson("range", query.range);
    if (
      !Array.isArray(range) ||
      range.length !== 2 ||
      !range.every((n) => Number.isInteger(n) && n >= 0 && n <= MAX_INT) ||
      range[1] < range[0] ||
      range[1] - range[0] + 1 > MAX_PAGE
    ) {
      throw badRequest(`range must look like [first,last] with 0 <= first <= last and at most ${MAX_PAGE} records`, {
        range: "tthc.validation.range",
      });
    }
    skip = range[0];
    take = range[1] - range[0] + 1;
  }

  let filter: Record<string, unknown> = {};
  if (query.filter) {
    const parsed = parseJson("filter", query.filter);
    if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
      throw badRequest("filter must be a JSON object", { filter: "tthc.validation.filter" });
    }
    // The filter is JSON inside a query parameter: "\u0000" becomes a NUL only here.
    assertValidValue(parsed, "filter");
    filter = parsed as Record<string, unknown>;
  }

  return { sort: { field, order: order === "ASC" ? "asc" : "desc" }, skip, take, filter };
}

/** `Content-Range: agencies 0-24/319`, as ra-data-simple-rest reads it. */
export function contentRange(resource: string, skip: number, count: number, total: number): string {
  const last = count === 0 ? skip : skip + count - 1;
  return `${resource} ${skip}-${last}/${total}`;
}

/** Reads the `id` filter react-admin sends for getMany: `{"id":[1,2]}` or `{"id":1}`. */
export function idsFilter(value: unknown): number[] | undefined {
  if (value === undefined) return undefined;
  const list = Array.isArray(value) ? value : [value];
  const ids = list.map(toId);
  if (!ids.every((n) => n !== undefined)) {
    throw badRequest("filter id must be a positive integer or a list of them", { filter: "tthc.validation.filter" });
  }
  return ids as number[];
}

/** A database id given as a number or a numeric string; booleans, arrays and out-of-range numbers are not ids. */
function toId(value: unknown): number | undefined {
  const n = typeof value === "number" ? value : typeof value === "string" && /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  return Number.isInteger(n) && n > 0 && n <= MAX_INT ? n : undefined;
}

/** Reads an optional string filter, rejecting other types with a clear error. */
export function stringFilter(filter: Record<string, unknown>, key: string): string | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string" || value.length > 200) {
    throw badRequest(`filter ${key} must be a string of at most 200 characters`, { [key]: "tthc.validation.filter" });
  }
  return value;
}

export function integerFilter(filter: Record<string, unknown>, key: string): number | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === "") return undefined;
  const n = toId(value);
  if (n === undefined) {
    throw badRequest(`filter ${key} must be a positive integer`, { [key]: "tthc.validation.filter" });
  }
  return n;
}

export function booleanFilter(filter: Record<string, unknown>, key: string): boolean | undefined {
  const value = filter[key];
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "boolean") {
    throw badRequest(`filter ${key} must be true or false`, { [key]: "tthc.validation.filter" });
  }
  return value;
}

/** Prisma passes `%` and `_` through to LIKE as wildcards (prisma/prisma#19506): escaped, they mean themselves. */
const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * A period of whole Vietnam days from the `from` and `to` filters ("YYYY-MM-DD", both days
 * included) as a condition on an instant; a day that does not exist is refused naming its filter.
 */
export function dayRangeFilter(filter: Record<string, unknown>): { gte?: Date; lt?: Date } | undefined {
  const day = (key: "from" | "to") => {
    const value = stringFilter(filter, key);
    if (value !== undefined && !isRealDate(value)) throw invalidField(key, "format", `filter ${key} must be a date YYYY-MM-DD`);
    return value;
  };
  const from = day("from");
  const to = day("to");
  if (!from && !to) return undefined;
  return { gte: from ? vietnamInstant(from, 0) : undefined, lt: to ? vietnamInstant(addDays(to, 1), 0) : undefined };
}

/** An optional filter that must be one of `codes` (a status, a role, a kind…), typed as one of them. */
export function codeFilter<T extends string>(filter: Record<string, unknown>, key: string, codes: readonly T[]): T | undefined {
  const value = stringFilter(filter, key);
  if (value !== undefined && !(codes as readonly string[]).includes(value)) {
    throw invalidField(key, "filter", `filter ${key} must be one of ${codes.join(", ")}`);
  }
  return value as T | undefined;
}

/** react-admin's getMany (the `id` filter) as a condition, or none. */
export function idsWhere(filter: Record<string, unknown>): { id: { in: number[] } } | Record<string, never> {
  const ids = idsFilter(filter.id);
  return ids ? { id: { in: ids } } : {};
}

/**
 * The `q` filter as a search of a table's generated `searchKey` column (its searched fields without
 * diacritics, lower case), folded the same way: "nguyen" finds "Nguyễn", "duong" finds "Đường".
 */
export function searchWhere(filter: Record<string, unknown>): { searchKey: { contains: string } } | Record<string, never> {
  const q = stringFilter(filter, "q");
  const key = q === undefined ? "" : escapeLike(searchKey(q));
  return key ? { searchKey: { contains: key } } : {};
}
